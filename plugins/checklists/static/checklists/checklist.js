// Checklists: keep a reader's ticks in this browser, show progress, reset, print.
//
// Each `[data-module="checklist"]` starts once (data-checklist-init marks it).
// Ticks are saved in localStorage under one key per checklist, by item id (the
// checkbox's value), never by position: after the author reorders, adds or
// removes items, every remaining tick stays on its item. Without storage (turned
// off, full) the checklist still works for the visit and says so. Without this
// script, the checkboxes still tick; the controls stay `hidden`.
(function () {
  "use strict";

  // v1: the value is JSON, {"checked": [ids], "unchecked": [ids]}. An item in
  // neither list is new since the reader's last visit: it shows its default
  // (ticked when the author wrote `[x]`). Change "v1" if the shape changes.
  var KEY_PREFIX = "nextsteps:checklist:v1:";

  function openStorage() {
    try {
      var storage = window.localStorage;
      storage.setItem(KEY_PREFIX + "test", "1");
      storage.removeItem(KEY_PREFIX + "test");
      return storage;
    } catch (error) {
      return null;
    }
  }

  function isIdList(value) {
    return Array.isArray(value) && value.every(function (id) {
      return typeof id === "string";
    });
  }

  function Checklist(root, storage) {
    this.root = root;
    this.storage = storage;
    this.key = KEY_PREFIX + root.getAttribute("data-checklist-id");
    this.boxes = Array.prototype.slice.call(root.querySelectorAll(".checklist__input"));
    this.progress = root.querySelector("[data-checklist-progress]");
    this.undo = root.querySelector("[data-checklist-undo]");
    this.resetButton = root.querySelector("[data-checklist-reset]");
    this.undone = null;

    var self = this;
    root.addEventListener("change", function (event) {
      if (self.boxes.indexOf(event.target) === -1) return;
      self.hideUndo();
      self.save();
      self.showProgress();
    });
    this.resetButton.addEventListener("click", function () { self.reset(); });
    this.undo.querySelector("button").addEventListener("click", function () {
      self.restore();
    });
    root.querySelectorAll("[data-checklist-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        self.print(button.getAttribute("data-checklist-print"));
      });
    });
    // Another tab changed these ticks, or cleared the storage (key null).
    window.addEventListener("storage", function (event) {
      if (event.key === self.key || event.key === null) self.apply(self.read());
    });
    // Back and forward: a page restored from the cache, or form state the
    // browser restored after this script ran, may not show the saved ticks.
    window.addEventListener("pageshow", function () { self.apply(self.read()); });
    window.addEventListener("beforeprint", function () { self.stamp(); });
    window.addEventListener("afterprint", function () { self.endPrint(); });

    this.apply(this.read());
    root.querySelector("[data-checklist-controls]").hidden = false;
    if (!storage) this.cannotSave();
  }

  // The saved state, or null when there is none (or none can be read).
  Checklist.prototype.read = function () {
    if (!this.storage) return null;
    var text = null;
    try {
      text = this.storage.getItem(this.key);
      if (text === null) return null;
      var state = JSON.parse(text);
      if (state && isIdList(state.checked) && isIdList(state.unchecked)) return state;
    } catch (error) {
      // Not JSON: replaced below.
    }
    // Unreadable: start again from the page's defaults, and save over it.
    this.apply(null);
    this.save();
    return null;
  };

  Checklist.prototype.save = function () {
    if (!this.storage) return;
    var state = { checked: [], unchecked: [] };
    this.boxes.forEach(function (box) {
      (box.checked ? state.checked : state.unchecked).push(box.value);
    });
    try {
      this.storage.setItem(this.key, JSON.stringify(state));
    } catch (error) {
      this.cannotSave();
    }
  };

  Checklist.prototype.apply = function (state) {
    this.boxes.forEach(function (box) {
      if (state && state.checked.indexOf(box.value) !== -1) box.checked = true;
      else if (state && state.unchecked.indexOf(box.value) !== -1) box.checked = false;
      else box.checked = box.defaultChecked;
    });
    this.showProgress();
  };

  Checklist.prototype.showProgress = function () {
    var total = this.boxes.length;
    var done = this.boxes.filter(function (box) { return box.checked; }).length;
    var text = done === total ? "All " + total + " done" : done + " of " + total + " done";
    if (this.progress.textContent !== text) this.progress.textContent = text;
  };

  // Back to the list as a new reader sees it, with a way back from it.
  Checklist.prototype.reset = function () {
    this.undone = this.boxes.map(function (box) { return box.checked; });
    if (this.storage) {
      try {
        this.storage.removeItem(this.key);
      } catch (error) {
        this.cannotSave();
      }
    }
    this.apply(null);
    this.undo.hidden = false;
    this.undo.querySelector("button").focus();
  };

  Checklist.prototype.restore = function () {
    var ticks = this.undone;
    this.boxes.forEach(function (box, index) { box.checked = ticks[index]; });
    this.hideUndo();
    this.save();
    this.showProgress();
    this.resetButton.focus();
  };

  Checklist.prototype.hideUndo = function () {
    this.undo.hidden = true;
    this.undone = null;
  };

  Checklist.prototype.cannotSave = function () {
    this.storage = null;
    this.root.querySelector("[data-checklist-storage-note]").hidden = false;
  };

  // Print this checklist alone, as a sheet: every other part of the page is
  // left out (the CSS hides what is not on the path from <body> to it).
  Checklist.prototype.print = function (mode) {
    this.printing = true;
    this.wasSheet = this.root.hasAttribute("data-checklist-sheet");
    this.root.setAttribute("data-checklist-sheet", "");
    this.root.setAttribute("data-checklist-print", mode);
    for (var node = this.root.parentElement; node; node = node.parentElement) {
      node.setAttribute("data-checklist-print-path", "");
    }
    window.print();
  };

  Checklist.prototype.endPrint = function () {
    if (!this.printing) return;
    this.printing = false;
    if (!this.wasSheet) this.root.removeAttribute("data-checklist-sheet");
    this.root.removeAttribute("data-checklist-print");
    document.querySelectorAll("[data-checklist-print-path]").forEach(function (node) {
      node.removeAttribute("data-checklist-print-path");
    });
  };

  // What only the reader's browser knows: today's date, and the full address.
  Checklist.prototype.stamp = function () {
    var date = this.root.querySelector("[data-checklist-date]");
    date.textContent = new Date().toLocaleDateString(document.documentElement.lang || undefined, {
      day: "numeric", month: "long", year: "numeric"
    });
    date.parentElement.hidden = false;
    var source = this.root.querySelector("[data-checklist-source]");
    source.textContent = source.href;
  };

  var storage = openStorage();
  document.querySelectorAll('[data-module="checklist"]').forEach(function (root) {
    if (root.hasAttribute("data-checklist-init")) return;
    root.setAttribute("data-checklist-init", "");
    new Checklist(root, storage);
  });
})();
