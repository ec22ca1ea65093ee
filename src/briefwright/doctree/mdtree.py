"""markdown-it's flat token stream as nested nodes, for doctree.parse to walk.

markdown_it.tree.SyntaxTreeNode does the same but is general (it keeps both tokens of a pair,
siblings and parents); building it took about a sixth of a template parse. This keeps only
what the walker reads.
"""

from __future__ import annotations

from markdown_it.token import Token


class Node:
    """A token with the nodes nested in it; a pair (`*_open` ... `*_close`) is one node."""

    __slots__ = ("type", "token", "children")

    def __init__(self, token: Token, children: list[Node]) -> None:
        # Typed as SyntaxTreeNode types them: "paragraph", not "paragraph_open".
        self.type = token.type.removesuffix("_open") if token.nesting == 1 else token.type
        self.token = token  # the opening token of a pair
        self.children = children

    @property
    def map(self) -> list[int] | None:
        return self.token.map

    @property
    def line(self) -> int:
        """The 1-based line a block starts on; 0 for inline nodes, which carry no position."""
        return self.token.map[0] + 1 if self.token.map else 0

    @property
    def end(self) -> int:
        """The 0-based line just after a block: where a container's closing fence sits."""
        return self.token.map[1] if self.token.map else 0

    @property
    def info(self) -> str:
        return self.token.info

    @property
    def tag(self) -> str:
        return self.token.tag

    @property
    def attrs(self) -> dict[str, str | int | float]:
        return self.token.attrs

    @property
    def content(self) -> str:
        return self.token.content


def tree(tokens: list[Token]) -> list[Node]:
    """The nodes of a token stream: pairs nest what lies between them, inlines their children."""
    root: list[Node] = []
    stack = [root]
    for token in tokens:
        if token.nesting == 1:
            node = Node(token, [])
            stack[-1].append(node)
            stack.append(node.children)
        elif token.nesting == -1:
            stack.pop()
        else:
            stack[-1].append(Node(token, tree(token.children) if token.children else []))
    return root
