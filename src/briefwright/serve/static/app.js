// The briefing page: validate as you type, preview in a sandboxed frame, download files.
// Plain script, no libraries; it talks to this server's /api only.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const summary = $("summary");
  const editor = window.briefwrightEditor(summary);
  const verdict = $("verdict");
  const status = $("status");
  const FORMATS = ["pdf", "docx", "md", "html"];
  let token = sessionStorage.getItem("briefwright-token") || "";
  let validateTimer = null;
  let validateSeq = 0;

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
      if (body.problems && body.problems.length) editor.showProblems(body.problems);
      return body.error || answer.statusText;
    } catch (e) {
      return answer.status + " " + answer.statusText;
    }
  }

  async function validateNow() {
    const seq = ++validateSeq;
    if (!summary.value.trim()) {
      verdict.textContent = "";
      verdict.className = "verdict";
      editor.showProblems([]);
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
      editor.showProblems(body.problems);
      const count = body.problems.length;
      verdict.textContent = body.ok ? "Valid summary" : count + (count === 1 ? " problem" : " problems");
      verdict.className = body.ok ? "verdict good" : "verdict bad";
    } catch (error) {
      verdict.textContent = String(error.message || error);
      verdict.className = "verdict bad";
    }
  }

  function scheduleValidate() {
    editor.redraw();
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
    // srcdoc in a frame sandboxed without allow-scripts: the briefing can run nothing. Its
    // print stylesheet names this briefing, so this page's policy cannot allow it by hash;
    // a preview on screen has no use for it.
    // (Cut from the text, not through DOMParser, whose document would apply this page's
    // policy to the sheet and report it. The writer never lets "</style>" into a sheet.)
    const html = await answer.text();
    $("preview-frame").srcdoc = html.replace(/<style media="print">[\s\S]*?<\/style>/, "");
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
    summary.addEventListener("scroll", editor.syncScroll);
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
      setStatus("", false);
      loadTemplates();
      validateNow();
    });
    const formats = $("formats");
    FORMATS.forEach((f) => choice(formats, "format", f, f.toUpperCase(), f === "pdf"));
    window.briefwrightForm.wire(summary, api, headers, scheduleValidate);
    editor.redraw();
    loadTemplates();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
