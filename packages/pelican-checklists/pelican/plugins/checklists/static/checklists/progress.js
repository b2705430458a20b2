// Checklists: a reader's own progress, per checklist, per post and per series;
// see templates/checklists/index.html.

const KEY = "nextsteps:checklist:v2:";
const SHOWN = "[data-checklist-progress-of], [data-checklist-progress-for], [data-checklist-progress-series]";

const read = (id) => {
  try {
    const record = JSON.parse(localStorage.getItem(KEY + id));
    return Array.isArray(record?.checked) && Array.isArray(record.unchecked) ? record : null;
  } catch (error) {
    return null;
  }
};

let index = null;

function ids(element) {
  const series = element.getAttribute("data-checklist-progress-series");
  const posts = series !== null ? index.series[series] ?? [] : [element.getAttribute("data-checklist-progress-for")];
  const of = element.getAttribute("data-checklist-progress-of");
  return of !== null ? [of] : posts.flatMap((post) => index.posts[post] ?? []);
}

async function fill() {
  const elements = [...document.querySelectorAll(SHOWN)];
  const source = document.querySelector("[data-checklist-index]");
  if (!elements.length || !source) return;
  index ??= await fetch(source.getAttribute("data-checklist-index")).then((response) => response.json());
  for (const element of elements) {
    const checklists = ids(element);
    const records = checklists.map(read);
    // Nothing for a reader who has not started on any of them.
    if (!records.some(Boolean)) {
      element.textContent = "";
      continue;
    }
    let done = 0;
    let total = 0;
    checklists.forEach((id, position) => {
      const { items = [], ticked = [] } = index.checklists[id] ?? {};
      const record = records[position] ?? { checked: [], unchecked: [] };
      total += items.length;
      done += items.filter((item) => record.checked.includes(item)
        || (!record.unchecked.includes(item) && ticked.includes(item))).length;
    });
    element.textContent = `${element.getAttribute("data-checklist-progress-label") ?? ""}${done} of ${total} done`;
  }
}

addEventListener("storage", fill);
addEventListener("pageshow", fill);
document.addEventListener("checklists:change", fill);
fill();
