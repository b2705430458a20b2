// `make serve` only (plugins/live_preview): the preview server adds this script
// to each page as it sends it; no build writes it. It reloads the page when a
// rebuild changed the page's file, and shows the last build's content errors.

const PREFIX = "/_live-preview/";
const DIALOG_ID = "live-preview-problems";

// The output file this page was served from: "posts/x/" is "posts/x/index.html".
function servedFile() {
  const path = decodeURIComponent(location.pathname).slice(1);
  return path === "" || path.endsWith("/") ? `${path}index.html` : path;
}

// Problems the author dismissed stay dismissed until they change.
let dismissed = "";

function stylesheet() {
  if (!document.querySelector(`link[href="${PREFIX}live-preview.css"]`)) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = `${PREFIX}live-preview.css`;
    document.head.append(link);
  }
}

function element(name, text, className) {
  const made = document.createElement(name);
  if (text) made.textContent = text;
  if (className) made.className = className;
  return made;
}

function problemItem(problem) {
  const item = element("li");
  const line = element("p");
  const where = problem.path ? `${problem.path}${problem.line ? `:${problem.line}` : ""}: ` : "";
  line.append(element("code", where), element("strong", problem.severity), `: ${problem.message}`);
  item.append(line);
  if (problem.fix) item.append(element("p", `Fix: ${problem.fix}`, "live-preview-fix"));
  return item;
}

function showProblems(problems) {
  const key = JSON.stringify(problems);
  let dialog = document.getElementById(DIALOG_ID);
  if (problems.length === 0 || key === dismissed) {
    dialog?.close();
    dialog?.remove();
    if (problems.length === 0) dismissed = "";
    return;
  }
  stylesheet();
  dialog?.remove();
  dialog = element("dialog", "", "live-preview");
  dialog.id = DIALOG_ID;
  dialog.setAttribute("role", "alertdialog");
  dialog.setAttribute("aria-labelledby", `${DIALOG_ID}-title`);
  dialog.setAttribute("aria-describedby", `${DIALOG_ID}-list`);
  const count = problems.length === 1 ? "1 content error" : `${problems.length} content errors`;
  const title = element("h2", `${count}: the pages keep their last good version`);
  title.id = `${DIALOG_ID}-title`;
  const list = element("ul");
  list.id = `${DIALOG_ID}-list`;
  list.append(...problems.map(problemItem));
  const note = element("p", "This closes by itself once the file is fixed and saved.");
  const close = element("button", "Dismiss");
  close.type = "button";
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    dismissed = key;
    dialog.remove();
  });
  dialog.append(title, list, note, close);
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}

const events = new EventSource(`${PREFIX}events`);
events.addEventListener("changed", (event) => {
  if (JSON.parse(event.data).paths.includes(servedFile())) location.reload();
});
events.addEventListener("problems", (event) => {
  showProblems(JSON.parse(event.data).problems);
});
