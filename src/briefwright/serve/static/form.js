// The blank form: fields made from the summary's JSON Schema (/api/schema), turned into YAML.
"use strict";

(function () {
  const LONG = new Set(["summary", "text", "detail", "context", "significance"]);
  const SKIP = new Set(["schema_version", "sources", "audiences", "source", "id"]);
  let schema = null;

  function deref(node) {
    if (node && node.$ref) return schema.$defs[node.$ref.split("/").pop()];
    return node || {};
  }

  // The variant of a property a form can fill: plain text if it may be text, else the first
  // that is not null (an object, an array).
  function variant(node) {
    node = deref(node);
    const options = (node.anyOf || node.oneOf || []).filter((v) => v.type !== "null");
    if (!options.length) return node;
    const chosen = options.find((v) => v.type === "string") || deref(options[0]);
    return Object.assign({}, chosen, { description: node.description });
  }

  function takesStrings(items) {
    const options = items.anyOf || items.oneOf || [items];
    return options.some((v) => v.type === "string");
  }

  function el(tag, props, children) {
    const node = Object.assign(document.createElement(tag), props || {});
    (children || []).forEach((child) => node.append(child));
    return node;
  }

  function scalarField(path, name, node, required) {
    const id = "form-" + path.join("-");
    const label = el("label", { htmlFor: id, textContent: name.replace(/_/g, " ") + (required ? " *" : "") });
    let input;
    if (node.enum) {
      input = el("select", { id: id }, [el("option", { value: "", textContent: "—" })]);
      node.enum.forEach((v) => input.append(el("option", { value: v, textContent: v })));
    } else if (LONG.has(name)) {
      input = el("textarea", { id: id, rows: name === "summary" ? 4 : 2 });
    } else {
      input = el("input", { id: id, type: "text" });
      if (node.format === "date") input.placeholder = "YYYY-MM-DD";
    }
    input.dataset.key = name;
    input.required = !!required;
    const help = el("small", { textContent: node.description || "" });
    return el("div", { className: "field" }, [label, input, help]);
  }

  function objectFields(path, node) {
    const required = new Set(node.required || []);
    const fields = [];
    for (const [name, prop] of Object.entries(node.properties || {})) {
      const v = variant(prop);
      if (SKIP.has(name) && name !== "source") continue;
      if (v.type === "string" || v.enum) fields.push(scalarField(path.concat(name), name, v, required.has(name)));
    }
    return fields;
  }

  function listOfObjects(name, node) {
    const item = deref(node.items);
    const box = el("fieldset", { className: "group" }, [el("legend", { textContent: name.replace(/_/g, " ") })]);
    box.dataset.key = name;
    box.dataset.kind = "objects";
    const add = el("button", { type: "button", textContent: "Add " + (item.title || name).toLowerCase() });
    let count = 0;
    add.addEventListener("click", () => {
      const entry = el("fieldset", { className: "entry" }, objectFields([name, String(count++)], item));
      const remove = el("button", { type: "button", textContent: "Remove" });
      remove.addEventListener("click", () => entry.remove());
      entry.append(remove);
      box.insertBefore(entry, add);
    });
    box.append(add);
    return box;
  }

  function build(container) {
    const required = new Set(schema.required || []).add("source");
    container.replaceChildren();
    for (const [name, prop] of Object.entries(schema.properties)) {
      if (SKIP.has(name) && name !== "source") continue;
      const v = variant(prop);
      if (v.type === "object" || v.properties) {
        const group = el("fieldset", { className: "group" }, [el("legend", { textContent: name + " *" })]);
        group.dataset.key = name;
        group.dataset.kind = "object";
        objectFields([name], v).forEach((f) => group.append(f));
        container.append(group);
      } else if (v.type === "array" && takesStrings(v.items)) {
        const field = scalarField([name], name, { description: (v.description || "") + " One per line." }, required.has(name));
        field.querySelector("input").replaceWith(Object.assign(el("textarea", { id: "form-" + name, rows: 3 }), { required: required.has(name) }));
        field.querySelector("textarea").dataset.key = name;
        field.dataset.kind = "lines";
        container.append(field);
      } else if (v.type === "array") {
        container.append(listOfObjects(name, v));
      } else if (v.type === "string" || v.enum) {
        container.append(scalarField([name], name, v, required.has(name)));
      }
    }
  }

  // --- the form's values as YAML (strings as JSON strings, which YAML reads as they are) ---

  function scalars(box, indent) {
    const lines = [];
    box.querySelectorAll(":scope > .field > [data-key]").forEach((input) => {
      const value = input.value.trim();
      if (value) lines.push(indent + input.dataset.key + ": " + JSON.stringify(value));
    });
    return lines;
  }

  function toYaml(container) {
    const lines = [];
    for (const child of container.children) {
      if (child.classList.contains("field") && child.dataset.kind === "lines") {
        const input = child.querySelector("[data-key]");
        const items = input.value.split("\n").map((s) => s.trim()).filter(Boolean);
        if (items.length) lines.push(input.dataset.key + ":", ...items.map((s) => "  - " + JSON.stringify(s)));
      } else if (child.classList.contains("field")) {
        const input = child.querySelector("[data-key]");
        const value = input.value.trim();
        if (value) lines.push(input.dataset.key + ": " + JSON.stringify(value));
      } else if (child.dataset.kind === "object") {
        const inner = scalars(child, "  ");
        if (inner.length) lines.push(child.dataset.key + ":", ...inner);
      } else if (child.dataset.kind === "objects") {
        const entries = Array.from(child.querySelectorAll(":scope > .entry"))
          .map((entry) => scalars(entry, "    "))
          .filter((inner) => inner.length);
        if (entries.length) {
          lines.push(child.dataset.key + ":");
          entries.forEach((inner) => lines.push("  - " + inner[0].trimStart(), ...inner.slice(1)));
        }
      }
    }
    return lines.join("\n") + "\n";
  }

  function wire(summary, api, headers, onChange) {
    const box = document.getElementById("form-box");
    const fields = document.getElementById("form-fields");
    document.getElementById("blank").addEventListener("click", async () => {
      if (!schema) {
        const answer = await api("/api/schema", { headers: headers() });
        schema = await answer.json();
      }
      build(fields);
      box.hidden = false;
      fields.querySelector("input, textarea").focus();
    });
    document.getElementById("form-cancel").addEventListener("click", () => (box.hidden = true));
    box.addEventListener("submit", (event) => {
      event.preventDefault();
      summary.value = toYaml(fields);
      delete summary.dataset.fileName;
      box.hidden = true;
      onChange();
    });
  }

  window.briefwrightForm = { wire: wire };
})();
