// The briefing page: validate as you type, preview in a sandboxed frame, download files.
// Plain script, no libraries; it talks to this server's /api only.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const summary = $("summary");
  const gutter = $("gutter");
  const problemsList = $("problems");
  const verdict = $("verdict");
  const status = $("status");
  const FORMATS = ["pdf", "docx", "md", "html"];
  let token = sessionStorage.getItem("briefwright-token") || "";
  let validateTimer = null;
  let validateSeq = 0;
  let problemLines = new Map();

  // --- talking to the server ------------------------------------------------------------

  function headers(extra) {
    const result = Object.assign({}, extra || {});
    if (token) result.Authorization = "Bearer " + token;
    return result;
  }

  function summaryType() {
    return summary.value.trimStart().startsWith("{") ? "application/json" : "application/yaml";
  }

  async function api(path, options) {
    const answer = await fetch(path, options);
    if (answer.status === 401) {
      $("token-box").hidden = false;
      throw new Error("this server wants a token: enter it above");
    }
    return answer;
  }

  async function post(path, params) {
    const query = params ? "?" + params.toString() : "";
    return api(path + query, {
      method: "POST",
      headers: headers({ "Content-Type": summaryType() }),
      body: summary.value,
    });
  }

  async function errorOf(answer) {
    try {
      const body = await answer.json();
      if (body.problems && body.problems.length) showProblems(body.problems);
      return body.error || answer.statusText;
    } catch (e) {
      return answer.status + " " + answer.statusText;
    }
  }

  // --- the editor: line numbers and problems beside their lines --------------------------

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

  async function validateNow() {
    const seq = ++validateSeq;
    if (!summary.value.trim()) {
      verdict.textContent = "";
      verdict.className = "verdict";
      showProblems([]);
      return;
    }
    try {
      const answer = await post("/api/validate");
      if (seq !== validateSeq) return; // a newer edit has been sent since
      if (!answer.ok) {
        verdict.textContent = await errorOf(answer);
        verdict.className = "verdict bad";
        return;
      }
      const body = await answer.json();
      showProblems(body.problems);
      const count = body.problems.length;
      verdict.textContent = body.ok ? "Valid summary" : count + (count === 1 ? " problem" : " problems");
      verdict.className = body.ok ? "verdict good" : "verdict bad";
    } catch (error) {
      verdict.textContent = String(error.message || error);
      verdict.className = "verdict bad";
    }
  }

  function scheduleValidate() {
    drawGutter();
    clearTimeout(validateTimer);
    validateTimer = setTimeout(validateNow, 350);
  }

  // --- templates, formats, preview and downloads -----------------------------------------

  function choice(container, name, value, label, checked, title) {
    const id = name + "-" + value;
    const input = document.createElement("input");
    Object.assign(input, { type: "checkbox", id: id, name: name, value: value, checked: checked });
    const text = document.createElement("label");
    text.htmlFor = id;
    text.textContent = label;
    if (title) text.title = title;
    const wrap = document.createElement("span");
    wrap.className = "choice";
    wrap.append(input, text);
    container.append(wrap);
  }

  function picked(name) {
    return Array.from(document.querySelectorAll('input[name="' + name + '"]:checked')).map(
      (input) => input.value,
    );
  }

  async function loadTemplates() {
    try {
      const answer = await api("/api/templates", { headers: headers() });
      if (!answer.ok) throw new Error(await errorOf(answer));
      const body = await answer.json();
      const box = $("templates");
      box.replaceChildren();
      for (const t of body.templates) {
        choice(box, "template", t.name, t.name, t.name === "analyst", t.description);
      }
    } catch (error) {
      setStatus(String(error.message || error), true);
    }
  }

  function setStatus(text, bad) {
    status.textContent = text;
    status.className = bad ? "status bad" : "status";
  }

  function fileName(answer, fallback) {
    const disposition = answer.headers.get("Content-Disposition") || "";
    const match = /filename="([^"]+)"/.exec(disposition);
    return match ? match[1] : fallback;
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function params(templates, formats) {
    const query = new URLSearchParams();
    templates.forEach((t) => query.append("template", t));
    formats.forEach((f) => query.append("format", f));
    const name = summary.dataset.fileName;
    if (name) query.set("name", name);
    return query;
  }

  async function run(label, work) {
    setStatus(label + "…", false);
    try {
      await work();
    } catch (error) {
      setStatus(String(error.message || error), true);
    }
  }

  async function preview() {
    const template = picked("template")[0] || "analyst";
    const answer = await post("/api/render", params([template], ["html"]));
    if (!answer.ok) return setStatus(await errorOf(answer), true);
    // srcdoc in a frame sandboxed without allow-scripts: the briefing can run nothing.
    $("preview-frame").srcdoc = await answer.text();
    setStatus("Preview: " + template, false);
  }

  async function download() {
    const templates = picked("template");
    const formats = picked("format");
    if (!templates.length || !formats.length) {
      return setStatus("Pick at least one template and one format.", true);
    }
    const answer = await post("/api/render", params(templates, formats));
    if (!answer.ok) return setStatus(await errorOf(answer), true);
    const name = fileName(answer, "briefing");
    save(await answer.blob(), name);
    setStatus("Downloaded " + name, false);
  }

  async function mail() {
    const template = picked("template")[0] || "analyst";
    const attach = picked("format").filter((f) => f === "pdf" || f === "docx");
    const query = params([template], []);
    query.set("attach", attach.join(","));
    const answer = await post("/api/mail", query);
    if (!answer.ok) return setStatus(await errorOf(answer), true);
    const name = fileName(answer, "briefing.eml");
    save(await answer.blob(), name);
    setStatus("Downloaded " + name, false);
  }

  // --- wiring ----------------------------------------------------------------------------

  function start() {
    summary.addEventListener("input", scheduleValidate);
    summary.addEventListener("scroll", syncScroll);
    $("upload").addEventListener("change", async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      summary.value = await file.text();
      summary.dataset.fileName = file.name;
      scheduleValidate();
    });
    $("preview").addEventListener("click", () => run("Rendering the preview", preview));
    $("download").addEventListener("click", () => run("Rendering", download));
    $("mail").addEventListener("click", () => run("Writing the e-mail", mail));
    $("token-box").addEventListener("submit", (event) => {
      event.preventDefault();
      token = $("token").value.trim();
      sessionStorage.setItem("briefwright-token", token);
      $("token-box").hidden = true;
      loadTemplates();
      validateNow();
    });
    const formats = $("formats");
    FORMATS.forEach((f) => choice(formats, "format", f, f.toUpperCase(), f === "pdf"));
    window.briefwrightForm.wire(summary, api, headers, scheduleValidate);
    drawGutter();
    loadTemplates();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
