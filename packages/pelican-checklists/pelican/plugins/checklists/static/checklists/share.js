// Checklists on another device: see templates/checklists/index.html

const KEY = "nextsteps:checklist:v2:";
const FORMAT = "next-steps-checklists";
const VERSION = 1;
const MAX_FILE = 2 * 1024 * 1024;
const MAX_LINK = 16 * 1024;
const MAX_NOTE = 20000;
const MAX_ITEMS = 1000;
const ID = /^[\p{L}\p{M}\p{N}]+(?:--?[\p{L}\p{M}\p{N}]+)*$/u;

class Refused extends Error {}

const isIds = (list) => Array.isArray(list) && list.length <= MAX_ITEMS
  && list.every((id) => typeof id === "string" && id.length <= 300 && ID.test(id));
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

export function checkRecord(value) {
  if (!isObject(value)) return null;
  const { checked, unchecked, notes = {}, start } = value;
  if (!isIds(checked) || !isIds(unchecked)) return null;
  if (!isObject(notes)) return null;
  const entries = Object.entries(notes);
  if (entries.length > MAX_ITEMS || !entries.every(([key, text]) => (key === "" || ID.test(key))
    && typeof text === "string" && text.length <= MAX_NOTE)) return null;
  if (start !== undefined && !(typeof start === "string" && Date.parse(start) > 0)) return null;
  const record = { checked: [...checked], unchecked: [...unchecked], notes: Object.fromEntries(entries) };
  if (start !== undefined) record.start = new Date(start).toISOString();
  return record;
}

const read = (id) => {
  try {
    return checkRecord(JSON.parse(localStorage.getItem(KEY + id)));
  } catch (error) {
    return null;
  }
};
const write = (id, record) => localStorage.setItem(KEY + id, JSON.stringify(record));

const count = (record) => {
  const notes = Object.values(record.notes).filter(Boolean).length;
  return `${record.checked.length} tick${record.checked.length === 1 ? "" : "s"}, ${notes} note${notes === 1 ? "" : "s"}`;
};

export function merge(mine, theirs) {
  if (!mine) return theirs;
  const checked = [...new Set([...mine.checked, ...theirs.checked])];
  const merged = {
    checked,
    unchecked: [...new Set([...mine.unchecked, ...theirs.unchecked])].filter((id) => !checked.includes(id)),
    notes: { ...theirs.notes, ...mine.notes },
  };
  for (const [key, text] of Object.entries(theirs.notes)) {
    if (mine.notes[key] && text && mine.notes[key] !== text) merged.notes[key] = `${mine.notes[key]}\n\n${text}`;
  }
  const start = mine.start ?? theirs.start;
  if (start) merged.start = start;
  return merged;
}

const encode = (value) => {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join("")).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const decode = (text) => {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
};

// "" when there is nothing to share; null when notes make it too long to open.
export const linkFor = (id, address) => {
  const record = read(id);
  if (!record) return "";
  const hash = `#progress=${encode({ v: VERSION, id, r: record })}`;
  return hash.length > MAX_LINK ? null : new URL(address, location.href).href + hash;
};

function fromLink(hash, id, here) {
  if (hash.length > MAX_LINK) throw new Refused("it is too long to be a link this site makes");
  let value;
  try {
    value = decode(hash.slice("#progress=".length));
  } catch (error) {
    throw new Refused("it is damaged: cut short, or changed after it was made");
  }
  if (value?.v !== VERSION) {
    throw new Refused(value?.v > VERSION ? "it was made by a newer version of this site" : "it is not a progress link this site can read");
  }
  if (value.id !== id) throw new Refused("it is for another checklist");
  const record = checkRecord(value.r);
  if (!record) throw new Refused("it is damaged: what it holds is not a checklist's progress");
  if (![...record.checked, ...record.unchecked].some((item) => here.includes(item))) {
    throw new Refused("it is out of date: none of its items is on this checklist any more");
  }
  return record;
}

export function openLink(checklist) {
  const here = checklist.boxes.map((box) => box.value);
  const leave = () => history.replaceState(null, "", location.pathname + location.search);
  let record;
  try {
    record = fromLink(location.hash, checklist.id, here);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    leave();
    checklist.say(`This progress link cannot be used: ${error.message}. Nothing was changed.`);
    return;
  }
  const ask = document.createElement("div");
  ask.className = "checklist__ask";
  const question = ask.appendChild(document.createElement("p"));
  const done = record.checked.filter((item) => here.includes(item)).length;
  const mine = read(checklist.id);
  question.textContent = `This link holds progress for this checklist: ${done} of ${here.length} ticked`
    + ` (${count(record)}). Use it in this browser${mine ? `, instead of what is here (${count(mine)})` : ""}?`;
  const answer = (label, use) => {
    const button = ask.appendChild(document.createElement("button"));
    button.type = "button";
    button.className = "checklist__button";
    button.textContent = label;
    button.addEventListener("click", () => {
      ask.remove();
      leave();
      if (!use) {
        checklist.say("Nothing was changed.");
        return;
      }
      checklist.show(record);
      checklist.say(checklist.write(record) ? "The link's progress is now kept in this browser." : "");
    });
    return button;
  };
  const first = answer("Use this progress", true);
  answer("Keep mine", false);
  checklist.root.prepend(ask);
  first.focus();
}

function fromFile(text, known) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Refused("it is not a file of checklists (it is not JSON)");
  }
  if (value?.format !== FORMAT) throw new Refused("it is not a file of this site's checklists");
  if (value.version !== VERSION) {
    throw new Refused(value.version > VERSION ? "it was made by a newer version of this site" : "it is not a version this site can read");
  }
  const all = value.checklists;
  if (!isObject(all)) throw new Refused("it holds no checklists");
  const found = new Map();
  const unknown = [];
  for (const [id, record] of Object.entries(all)) {
    if (!known.includes(id)) {
      unknown.push(id);
      continue;
    }
    const checked = checkRecord(record);
    if (!checked) throw new Refused("it is damaged: one of its checklists is not a checklist's progress");
    found.set(id, checked);
  }
  if (!found.size) throw new Refused("none of its checklists is on this site");
  return { found, unknown };
}

function page(root) {
  const find = (selector) => root.querySelector(selector);
  const status = find("[data-checklists-status]");
  const say = (text) => { status.textContent = text; };
  const shares = [...document.querySelectorAll("[data-checklist-link]")];
  const known = shares.map((share) => share.getAttribute("data-checklist-link"));
  // Only a checklist with progress has a link to share; progress.js counts it.
  const showProgress = () => {
    for (const share of shares) share.hidden = !read(share.getAttribute("data-checklist-link"));
    document.dispatchEvent(new Event("checklists:change"));
  };

  find("[data-checklists-export]").addEventListener("click", () => {
    const checklists = {};
    for (const id of known) {
      const record = read(id);
      if (record) checklists[id] = record;
    }
    const total = Object.keys(checklists).length;
    if (!total) {
      say("There is nothing to export yet: this browser keeps no ticks or notes of this site's checklists.");
      return;
    }
    const file = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), checklists };
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: "application/json" }));
    link.download = "my-checklists.json";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 6e4);
    say(`Exported ${total} checklist${total === 1 ? "" : "s"} to my-checklists.json.`);
  });

  const confirm = find("[data-checklists-confirm]");
  let pending = null;
  const finish = (how) => {
    confirm.hidden = true;
    if (how) {
      for (const [id, record] of pending.found) write(id, how === "merge" ? merge(read(id), record) : record);
      say(`${how === "merge" ? "Merged" : "Replaced"}: ${pending.found.size} checklist${pending.found.size === 1 ? "" : "s"}.`);
      showProgress();
    } else {
      say("Nothing was changed.");
    }
    pending = null;
    find("[data-checklists-import]").value = "";
  };
  for (const how of ["merge", "replace", "cancel"]) {
    find(`[data-checklists-${how}]`).addEventListener("click", () => finish(how === "cancel" ? null : how));
  }

  find("[data-checklists-import]").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    if (!file) return;
    try {
      if (file.size > MAX_FILE) throw new Refused("it is far larger than any file of checklists");
      pending = fromFile(await file.text(), known);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      confirm.hidden = true;
      event.target.value = "";
      say(`This file cannot be imported: ${error.message}. Nothing was changed.`);
      return;
    }
    const lines = [...pending.found].map(([id, record]) => {
      const title = document.querySelector(`[data-checklist-link="${CSS.escape(id)}"]`)
        .closest("li").querySelector("a").textContent;
      return `“${title}”: ${count(record)}`;
    });
    const left = pending.unknown.length
      ? ` ${pending.unknown.length} checklist${pending.unknown.length === 1 ? " is" : "s are"} not on this site and will be left out.` : "";
    find("[data-checklists-summary]").textContent = `This file holds ${lines.join("; ")}.${left}`
      + " Merge it with what this browser keeps, or replace that for these checklists?";
    confirm.hidden = false;
    say("");
    find("[data-checklists-merge]").focus();
  });

  for (const share of shares) {
    const link = () => {
      const made = linkFor(share.getAttribute("data-checklist-link"), share.getAttribute("data-checklist-address"));
      if (!made) {
        say(made === null ? "Your notes make this link too long to open: export a file instead."
          : "There is no progress to share for that checklist yet.");
      }
      return made;
    };
    share.querySelector("[data-checklist-copy]").addEventListener("click", async () => {
      const made = link();
      if (!made) return;
      try {
        await navigator.clipboard.writeText(made);
        say("Link copied. Open it on your other device to bring your progress there.");
      } catch (error) {
        say(`Copy this link by hand: ${made}`);
      }
    });
    share.querySelector("[data-checklist-qr]").addEventListener("click", async () => {
      const made = link();
      if (!made) return;
      const { qrCode } = await import(root.getAttribute("data-checklist-qr-script"));
      const code = await qrCode(made, root.getAttribute("data-checklist-qr-encoder"));
      if (!code) {
        say("This link is too long for a QR code: copy it, or export a file.");
        return;
      }
      const title = share.closest("li").querySelector("a").textContent;
      code.setAttribute("aria-label", `QR code of the link with your progress in “${title}”`);
      const panel = document.createElement("div");
      panel.className = "my-checklists__qr";
      const hide = document.createElement("button");
      hide.type = "button";
      hide.className = "checklist__button";
      hide.textContent = "Hide the QR code";
      hide.addEventListener("click", () => {
        panel.remove();
        share.querySelector("[data-checklist-qr]").focus();
      });
      panel.append(code, "Scan it with your phone's camera to open this checklist there, with your progress.", hide);
      share.parentElement.querySelector(".my-checklists__qr")?.remove();
      share.after(panel);
      say(`QR code shown for “${title}”.`);
    });
  }
  addEventListener("storage", showProgress);
  addEventListener("pageshow", showProgress);
  showProgress();
  root.hidden = false;
}

const root = document.querySelector("[data-checklists-page]");
if (root) page(root);
