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

    def __init__(self, token: Token, children: list[Node]):
        # Typed as SyntaxTreeNode types them: "paragraph", not "paragraph_open".
        self.type = token.type.removesuffix("_open") if token.nesting == 1 else token.type
        self.token = token  # the opening token of a pair
        self.children = children

    map = property(lambda self: self.token.map)
    info = property(lambda self: self.token.info)
    tag = property(lambda self: self.token.tag)
    attrs = property(lambda self: self.token.attrs)
    content = property(lambda self: self.token.content)


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
