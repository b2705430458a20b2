// Checklists: see plugins/checklists/templates/checklists/component.html
(() => {
  "use strict";
  // {"checked": [ids], "unchecked": [ids]}; an id in neither is a new item.
  const PREFIX = "nextsteps:checklist:v1:";
  const isIds = (list) => Array.isArray(list) && list.every((id) => typeof id === "string");

  let storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(PREFIX, "");
    storage.removeItem(PREFIX);
  } catch (error) {
    storage = null; // off or full: ticks last for this visit only
  }

  class Checklist {
    constructor(root) {
      const find = (selector) => root.querySelector(selector);
      this.root = root;
      this.key = PREFIX + root.getAttribute("data-checklist-id");
      this.boxes = [...root.querySelectorAll(".checklist__input")];
      this.progress = find("[data-checklist-progress]");
      this.undo = find("[data-checklist-undo]");
      this.reset = find("[data-checklist-reset]");
      this.note = find("[data-checklist-storage-note]");
      this.date = find("[data-checklist-date]");
      this.source = find("[data-checklist-source]");

      root.addEventListener("change", (event) => {
        if (!this.boxes.includes(event.target)) return;
        this.undo.hidden = true;
        this.save();
        this.count();
      });
      this.reset.addEventListener("click", () => this.clear());
      this.undo.querySelector("button").addEventListener("click", () => this.restore());
      for (const button of root.querySelectorAll("[data-checklist-print]")) {
        button.addEventListener("click", () => this.print(button.getAttribute("data-checklist-print")));
      }
      // Another tab changed the ticks, or cleared the storage (key null).
      addEventListener("storage", (event) => {
        if (event.key === this.key || event.key === null) this.show(this.read());
      });
      // Back and forward restore a page, or its form state, after this ran.
      addEventListener("pageshow", () => this.show(this.read()));
      addEventListener("beforeprint", () => this.stamp());
      addEventListener("afterprint", () => this.printed());

      this.show(this.read());
      find("[data-checklist-controls]").hidden = false;
      if (!storage) this.note.hidden = false;
    }

    read() {
      if (!storage) return null;
      try {
        const text = storage.getItem(this.key);
        if (text === null) return null;
        const state = JSON.parse(text);
        if (isIds(state?.checked) && isIds(state?.unchecked)) return state;
      } catch (error) {
        // Not JSON: replaced below.
      }
      this.show(null); // unreadable: the defaults replace it
      this.save();
      return null;
    }

    save() {
      const state = { checked: [], unchecked: [] };
      for (const box of this.boxes) state[box.checked ? "checked" : "unchecked"].push(box.value);
      this.store(() => storage.setItem(this.key, JSON.stringify(state)));
    }

    store(write) {
      if (!storage) return;
      try {
        write();
      } catch (error) {
        storage = null;
        this.note.hidden = false;
      }
    }

    show(state) {
      for (const box of this.boxes) {
        box.checked = state?.checked.includes(box.value) ? true
          : state?.unchecked.includes(box.value) ? false : box.defaultChecked;
      }
      this.count();
    }

    count() {
      const total = this.boxes.length;
      const done = this.boxes.filter((box) => box.checked).length;
      this.progress.textContent = done === total ? `All ${total} done` : `${done} of ${total} done`;
    }

    clear() {
      this.before = this.boxes.map((box) => box.checked);
      this.store(() => storage.removeItem(this.key));
      this.show(null);
      this.undo.hidden = false;
      this.undo.querySelector("button").focus();
    }

    restore() {
      this.boxes.forEach((box, index) => { box.checked = this.before[index]; });
      this.undo.hidden = true;
      this.save();
      this.count();
      this.reset.focus();
    }

    // The print CSS leaves out all that is not on the path from <html> to it.
    print(mode) {
      this.wasSheet = this.root.hasAttribute("data-checklist-sheet");
      this.root.setAttribute("data-checklist-sheet", "");
      this.root.setAttribute("data-checklist-print", mode);
      for (let node = this.root.parentElement; node; node = node.parentElement) {
        node.setAttribute("data-checklist-print-path", "");
      }
      print();
    }

    printed() {
      if (!this.root.hasAttribute("data-checklist-print")) return;
      if (!this.wasSheet) this.root.removeAttribute("data-checklist-sheet");
      this.root.removeAttribute("data-checklist-print");
      for (const node of document.querySelectorAll("[data-checklist-print-path]")) {
        node.removeAttribute("data-checklist-print-path");
      }
    }

    stamp() {
      this.date.textContent = new Date().toLocaleDateString(undefined, { dateStyle: "long" });
      this.date.parentElement.hidden = false;
      this.source.textContent = this.source.href;
    }
  }

  for (const root of document.querySelectorAll('[data-module="checklist"]')) {
    if (root.hasAttribute("data-checklist-init")) continue; // started already
    root.setAttribute("data-checklist-init", "");
    new Checklist(root);
  }
})();
