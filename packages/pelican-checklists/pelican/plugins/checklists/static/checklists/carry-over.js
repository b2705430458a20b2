// Checklists: a saved record that does not fit the page, loaded only then; see
// templates/checklists/component.html

const parse = (text) => { try { return JSON.parse(text); } catch (error) { return null; } };

// The same number of parts (a sub-item's id is its parent's, "--", its own),
// each sharing more than half of the words of the longer of the two.
const alike = (old, id) => {
  const parts = id.split("--");
  const olds = old.split("--");
  return olds.length === parts.length && olds.every((part, index) => {
    const words = new Set(part.split("-"));
    const other = new Set(parts[index].split("-"));
    return 2 * [...words].filter((word) => other.has(word)).length > Math.max(words.size, other.size);
  });
};

export function carryOver(checklist, record, isIds) {
  const v1Key = checklist.key.replace(":v2:", ":v1:");
  const old = parse(localStorage.getItem(v1Key));
  const fromV1 = isIds(old?.checked) && isIds(old.unchecked);
  if (fromV1) {
    record.checked = old.checked;
    record.unchecked = old.unchecked;
  }
  // An item the author reworded takes the tick and note of exactly one old id
  // that is alike; in doubt, they stay with the old id.
  const known = [...record.checked, ...record.unchecked];
  const here = checklist.boxes.map((box) => box.value);
  const gone = known.filter((id) => !here.includes(id));
  const fresh = here.filter((id) => !known.includes(id));
  for (const id of fresh) {
    const [was, ...more] = gone.filter((candidate) => alike(candidate, id));
    if (!was || more.length || fresh.filter((other) => alike(was, other)).length > 1) continue;
    for (const list of [record.checked, record.unchecked]) {
      if (list.includes(was)) list[list.indexOf(was)] = id;
    }
    if (Object.hasOwn(record.notes, was)) {
      record.notes[id] = record.notes[was];
      delete record.notes[was];
    }
  }
  if (checklist.write(record) && fromV1) localStorage.removeItem(v1Key);
  return record;
}
