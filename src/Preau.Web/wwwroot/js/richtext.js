// A small formatting editor over <textarea data-richtext>: without JavaScript the textarea stays and takes plain
// text; with it, a toolbar (bold, italics, heading, lists, quotation, link) edits the same safe subset of HTML that
// the server keeps (BlogHtml.Sanitize). The server cleans again whatever arrives: this cleaning only keeps the editor
// honest about what will be published.
(() => {
  "use strict";

  const allowed = {
    P: [], BR: [], STRONG: [], B: [], EM: [], I: [], UL: [], OL: [], LI: [], H2: [], H3: [], BLOCKQUOTE: [],
    A: ["href"], IMG: ["src", "alt"],
  };
  const dropped = new Set(["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "TEMPLATE", "NOSCRIPT", "SVG", "MATH", "HEAD", "TITLE", "META", "LINK"]);

  function safeUrl(name, value) {
    const v = (value || "").trim();
    if (name === "src") {
      return /^\/fichiers\/[0-9a-fA-F-]{36}$/.test(v);
    }
    return /^https?:\/\//i.test(v) || (v.startsWith("/") && !v.startsWith("//"));
  }

  function clean(parent) {
    for (const node of [...parent.childNodes]) {
      if (node.nodeType === Node.TEXT_NODE) {
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || dropped.has(node.nodeName)) {
        node.remove();
        continue;
      }
      clean(node);
      const keep = allowed[node.nodeName];
      if (!keep) {
        // Unknown wrappers (span, div, font…) give way to their content.
        node.replaceWith(...node.childNodes);
        continue;
      }
      for (const attr of [...node.attributes]) {
        if (!keep.includes(attr.name) || ((attr.name === "href" || attr.name === "src") && !safeUrl(attr.name, attr.value))) {
          node.removeAttribute(attr.name);
        }
      }
    }
    return parent;
  }

  function fromText(text) {
    if (/<\/?[a-z][^>]*>/i.test(text)) {
      return text;
    }
    const escape = s => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return text.replace(/\r\n/g, "\n").trim().split(/\n[ \t]*\n\s*/).filter(p => p.trim() !== "")
      .map(p => "<p>" + p.trim().split("\n").map(escape).join("<br>") + "</p>").join("");
  }

  function parse(html) {
    // DOMParser builds an inert document: nothing in it runs or loads.
    return clean(new DOMParser().parseFromString(html, "text/html").body);
  }

  function currentBlock(editor) {
    let node = document.getSelection()?.anchorNode;
    while (node && node !== editor) {
      if (node.nodeType === Node.ELEMENT_NODE && /^(P|H2|H3|BLOCKQUOTE|LI)$/.test(node.nodeName)) {
        return node.nodeName;
      }
      node = node.parentNode;
    }
    return "P";
  }

  function setup(textarea) {
    const texts = document.getElementById("richtext-texts");
    const names = texts ? JSON.parse(texts.textContent) : {};
    const label = document.querySelector(`label[for="${textarea.id}"]`);
    const editor = document.createElement("div");
    editor.id = textarea.id + "-editor";
    editor.className = "richtext-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    if (label) {
      label.id = label.id || textarea.id + "-label";
      label.removeAttribute("for");
      label.addEventListener("click", () => editor.focus());
      editor.setAttribute("aria-labelledby", label.id);
    }
    if (textarea.getAttribute("aria-describedby")) {
      editor.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
    }
    // The hint written for a plain textarea is replaced by the one for the editor.
    const hint = document.getElementById(textarea.getAttribute("aria-describedby")?.split(" ")[0] || "");
    if (hint && names.hint && hint.classList.contains("hint")) {
      hint.textContent = names.hint;
    }

    const toolbar = document.createElement("div");
    toolbar.className = "richtext-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", names.toolbar || "Mise en forme");
    toolbar.setAttribute("aria-controls", editor.id);
    const buttons = [
      ["bold", "Gras", "G"], ["italic", "Italique", "I"], ["heading", "Intertitre", "T"],
      ["insertUnorderedList", "Liste à puces", "•"], ["insertOrderedList", "Liste numérotée", "№"],
      ["quote", "Citation", "«"], ["link", "Lien", "⛓"], ["clear", "Effacer la mise en forme", "⌫"],
    ];
    for (const [command, name, symbol] of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "richtext-button";
      button.dataset.command = command;
      button.setAttribute("aria-label", names[command] || name);
      button.title = names[command] || name;
      // The symbol is decoration; the name is the label (screen readers and voice control use it).
      const glyph = document.createElement("span");
      glyph.setAttribute("aria-hidden", "true");
      glyph.textContent = symbol;
      button.append(glyph);
      // Keep the selection in the editor when the button is pressed with a pointer.
      button.addEventListener("mousedown", e => e.preventDefault());
      button.addEventListener("click", () => run(command, names));
      toolbar.append(button);
    }

    function sync() {
      textarea.value = editor.textContent.trim() === "" && !editor.querySelector("img") ? "" : editor.innerHTML;
    }

    function run(command, names) {
      editor.focus();
      switch (command) {
        case "heading":
          document.execCommand("formatBlock", false, currentBlock(editor) === "H2" ? "p" : "h2");
          break;
        case "quote":
          document.execCommand("formatBlock", false, currentBlock(editor) === "BLOCKQUOTE" ? "p" : "blockquote");
          break;
        case "link": {
          const url = window.prompt(names.linkPrompt || "Adresse du lien (https://…)", "https://");
          if (url && safeUrl("href", url) && url.trim() !== "https://") {
            document.execCommand("createLink", false, url.trim());
          }
          break;
        }
        case "clear":
          document.execCommand("removeFormat");
          document.execCommand("unlink");
          document.execCommand("formatBlock", false, "p");
          break;
        default:
          document.execCommand(command);
      }
      sync();
    }

    editor.addEventListener("input", sync);
    editor.addEventListener("paste", e => {
      // Pasted text keeps bold, lists and links but loses the page's styles, scripts and foreign images.
      e.preventDefault();
      const html = e.clipboardData.getData("text/html");
      const fragment = html ? parse(html).innerHTML : fromText(e.clipboardData.getData("text/plain"));
      document.execCommand("insertHTML", false, fragment);
      sync();
    });
    editor.innerHTML = parse(fromText(textarea.value)).innerHTML;
    document.execCommand("defaultParagraphSeparator", false, "p");

    textarea.required = false;
    textarea.hidden = true;
    textarea.form?.addEventListener("submit", sync);
    const box = document.createElement("div");
    box.className = "richtext";
    textarea.before(box);
    box.append(toolbar, editor);
  }

  document.querySelectorAll("textarea[data-richtext]").forEach(setup);
})();
