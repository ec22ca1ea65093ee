// The editor: line numbers, and each validation problem beside the line it is on.
"use strict";

window.briefwrightEditor = function (summary) {
  const $ = (id) => document.getElementById(id);
  const gutter = $("gutter");
  const problemsList = $("problems");
  let problemLines = new Map();

  function drawGutter() {
    const count = summary.value.split("\n").length;
    const lines = [];
    for (let n = 1; n <= count; n++) {
      const span = document.createElement("span");
      span.className = "line";
      span.dataset.line = String(n);
      span.textContent = String(n);
      const messages = problemLines.get(n);
      if (messages) {
        span.classList.add("bad");
        span.title = messages.join("\n");
      }
      lines.push(span, document.createTextNode("\n"));
    }
    gutter.replaceChildren(...lines);
    drawNotes(count);
    syncScroll();
  }

  // Each problem's message beside its line, in a column that scrolls with the text.
  function drawNotes(count) {
    const notes = $("notes");
    $("editor").classList.toggle("has-notes", problemLines.size > 0);
    if (!problemLines.size) return notes.replaceChildren();
    const rows = [];
    for (let n = 1; n <= count; n++) {
      const span = document.createElement("span");
      span.className = "note";
      const messages = problemLines.get(n);
      if (messages) {
        span.dataset.line = String(n);
        span.textContent = "\u25C0 " + messages.join("; ");
        span.title = messages.join("\n");
      }
      rows.push(span, document.createTextNode("\n"));
    }
    notes.replaceChildren(...rows);
  }

  function syncScroll() {
    gutter.scrollTop = summary.scrollTop;
    $("notes").scrollTop = summary.scrollTop;
  }

  function showProblems(problems) {
    problemLines = new Map();
    problemsList.replaceChildren();
    for (const p of problems) {
      if (p.line) {
        const list = problemLines.get(p.line) || [];
        list.push((p.field ? p.field + ": " : "") + p.message);
        problemLines.set(p.line, list);
      }
      const item = document.createElement("li");
      item.className = "problem";
      if (p.line) item.dataset.line = String(p.line);
      const where = document.createElement("button");
      where.type = "button";
      where.className = "where";
      where.textContent = p.line ? "line " + p.line + (p.column ? ":" + p.column : "") : "—";
      where.addEventListener("click", () => goToLine(p.line));
      const field = document.createElement("code");
      field.textContent = p.field || "";
      const message = document.createElement("span");
      message.textContent = " " + p.message;
      item.append(where, " ", field, message);
      problemsList.append(item);
    }
    drawGutter();
  }

  function goToLine(line) {
    if (!line) return;
    const lines = summary.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
    summary.focus();
    summary.setSelectionRange(start, start + (lines[line - 1] || "").length);
    const lineHeight = summary.scrollHeight / Math.max(lines.length, 1);
    summary.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  return { showProblems: showProblems, redraw: drawGutter, syncScroll: syncScroll };
};
