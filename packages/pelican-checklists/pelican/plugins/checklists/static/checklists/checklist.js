// Checklists: see templates/checklists/component.html
(() => {
  "use strict";
  const KEY = "nextsteps:checklist:v2:";
  const V1_KEY = "nextsteps:checklist:v1:";
  const isIds = (list) => Array.isArray(list) && list.every((id) => typeof id === "string");
  const usable = (record) => isIds(record?.checked) && isIds(record.unchecked)
    && Object(record.notes) === record.notes && Object.values(record.notes).every((text) => typeof text === "string")
    && (record.start === undefined || Date.parse(record.start) > 0);
  const blank = () => ({ checked: [], unchecked: [], notes: {} });
  const parse = (text) => { try { return JSON.parse(text); } catch (error) { return null; } };
  let storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(KEY, "");
    storage.removeItem(KEY);
  } catch (error) {
    storage = null;
  }

  const modules = document.currentScript.dataset;
  // progress.js shows a reader's progress in a series (the series box) once they
  // have any, and counts again after each change.
  const progress = () => {
    if (document.querySelector("[data-checklist-progress-series]") && storage
      && Object.keys(storage).some((key) => key.startsWith(KEY))) {
      import(modules.checklistProgressScript);
      document.dispatchEvent(new Event("checklists:change"));
    }
  };

  class Checklist {
    constructor(root) {
      const find = (selector) => root.querySelector(selector);
      this.root = root;
      this.id = root.getAttribute("data-checklist-id");
      this.key = KEY + this.id;
      this.boxes = [...root.querySelectorAll(".checklist__input")];
      this.notes = [...root.querySelectorAll("[data-checklist-note]")];
      this.progress = find("[data-checklist-progress]");
      this.status = find("[data-checklist-status]");
      this.undo = find("[data-checklist-undo]");
      this.reset = find("[data-checklist-reset]");
      this.note = find("[data-checklist-storage-note]");
      this.date = find("[data-checklist-date]");
      this.source = find("[data-checklist-source]");
      this.record = blank();
      this.start = find("[data-checklist-start]");
      this.dates = { show() {} };

      root.addEventListener("change", (event) => {
        if (!this.boxes.includes(event.target)) return;
        this.undo.hidden = true;
        this.save();
        this.count();
      });
      root.addEventListener("input", (event) => {
        if (!this.notes.includes(event.target)) return;
        clearTimeout(this.typing);
        this.typing = setTimeout(() => this.saveNotes(), 600);
      });
      addEventListener("pagehide", () => this.saveNotes());
      document.addEventListener("visibilitychange", () => document.hidden && this.saveNotes());
      this.reset.addEventListener("click", () => this.clear());
      this.undo.querySelector("button").addEventListener("click", () => this.restore());
      for (const button of root.querySelectorAll("[data-checklist-print]")) {
        button.addEventListener("click", () => this.print(button.getAttribute("data-checklist-print")));
      }
      addEventListener("storage", (event) => {
        if (event.key === this.key || event.key === null) this.show(this.read());
      });
      addEventListener("pageshow", () => this.show(this.read()));
      addEventListener("beforeprint", () => this.stamp());
      addEventListener("afterprint", () => this.printed());

      if (this.start) {
        this.field(new Date());
        this.start.addEventListener("submit", (event) => {
          event.preventDefault();
          this.timing("submit");
        });
        find("[data-checklist-calendar]").addEventListener("click", () => this.timing("calendar"));
      }
      this.show(this.read());
      find("[data-checklist-controls]").hidden = false;
      if (!storage) this.note.hidden = false;
      if (root.hasAttribute("data-checklist-share")) {
        const link = () => location.hash.startsWith("#progress=")
          && import(root.getAttribute("data-checklist-share")).then((module) => module.openLink(this));
        addEventListener("hashchange", link);
        link();
      }
    }

    timing(action) {
      this.loading ??= import(this.start.getAttribute("data-checklist-start")).then((module) => {
        this.dates = module.dates(this, this.start);
      });
      this.loading.then(() => this.dates[action]());
    }

    field(date) {
      this.start.elements[0].valueAsNumber = Math.floor(date / 6e4 - date.getTimezoneOffset()) * 6e4;
    }

    read() {
      if (!storage) return this.record;
      const text = storage.getItem(this.key);
      const record = text === null ? blank() : parse(text);
      if (!usable(record)) {
        this.write(blank());
        return blank();
      }
      const here = this.boxes.map((box) => box.value);
      const known = [...record.checked, ...record.unchecked];
      if (!this.carrying && (text === null ? storage.getItem(V1_KEY + this.id) !== null
        : known.some((id) => !here.includes(id)) && here.some((id) => !known.includes(id)))) {
        this.carrying = import(modules.checklistCarryOverScript).then((module) => {
          this.show(module.carryOver(this, record, isIds));
          this.carrying = null;
        });
      }
      return record;
    }

    save() {
      const { record } = this;
      const here = this.boxes.map((box) => box.value);
      record.checked = record.checked.filter((id) => !here.includes(id));
      record.unchecked = record.unchecked.filter((id) => !here.includes(id));
      for (const box of this.boxes) record[box.checked ? "checked" : "unchecked"].push(box.value);
      for (const note of this.notes) {
        const key = note.getAttribute("data-checklist-note");
        if (note.value) record.notes[key] = note.value;
        else delete record.notes[key];
      }
      return this.write(record);
    }

    write(record) {
      try {
        storage.setItem(this.key, JSON.stringify(record));
        progress();
        return true;
      } catch (error) {
        if (storage) this.say("Could not save: this browser's storage is full or turned off.");
        storage = null;
        this.note.hidden = false;
        return false;
      }
    }

    saveNotes() {
      if (!this.typing) return;
      clearTimeout(this.typing);
      this.typing = 0;
      if (this.save()) this.say("Notes saved in this browser.");
    }

    say(text) {
      this.status.textContent = text;
    }

    show(record) {
      this.record = record;
      for (const box of this.boxes) {
        box.checked = record.checked.includes(box.value) ? true
          : record.unchecked.includes(box.value) ? false : box.defaultChecked;
      }
      for (const note of this.notes) {
        const key = note.getAttribute("data-checklist-note");
        if (!this.typing) note.value = Object.hasOwn(record.notes, key) ? record.notes[key] : "";
      }
      if (this.start && record.start) this.timing("show");
      else this.dates.show();
      this.count();
    }

    count() {
      const total = this.boxes.length;
      const done = this.boxes.filter((box) => box.checked).length;
      this.progress.textContent = done === total ? `All ${total} done` : `${done} of ${total} done`;
    }

    clear() {
      this.before = this.boxes.map((box) => box.checked);
      this.record.checked = [];
      this.record.unchecked = [];
      this.write(this.record);
      this.show(this.record);
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

    print(mode) {
      this.wasSheet = this.root.hasAttribute("data-checklist-sheet");
      this.root.setAttribute("data-checklist-sheet", "");
      this.root.setAttribute("data-checklist-print", mode);
      for (let node = this.root.parentElement; node; node = node.parentElement) {
        node.setAttribute("data-checklist-print-path", "");
      }
      this.paper(mode === "progress");
      print();
    }

    printed() {
      if (!this.root.hasAttribute("data-checklist-print")) return;
      if (!this.wasSheet) this.root.removeAttribute("data-checklist-sheet");
      this.root.removeAttribute("data-checklist-print");
      for (const node of document.querySelectorAll("[data-checklist-print-path]")) {
        node.removeAttribute("data-checklist-print-path");
      }
      this.paper(false);
    }

    paper(withNotes) {
      for (const note of this.notes) note.nextElementSibling.textContent = withNotes ? note.value : "";
    }

    stamp() {
      this.date.textContent = new Date().toLocaleDateString(undefined, { dateStyle: "long" });
      this.date.parentElement.hidden = false;
      this.source.textContent = this.source.href;
    }
  }

  for (const root of document.querySelectorAll('[data-module="checklist"]')) {
    if (root.hasAttribute("data-checklist-init")) continue;
    root.setAttribute("data-checklist-init", "");
    new Checklist(root);
  }
  progress();
})();
