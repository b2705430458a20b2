// Checklists' time limits: see templates/checklists/component.html

const when = new Intl.DateTimeFormat(undefined, {
  weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
});

const deadline = (start, limit) => {
  const [, clock, unit, days, weeks] = /^P(?:T(\d+)([HM])|(\d+)D|(\d+)W)$/.exec(limit);
  const date = new Date(start);
  if (clock) date.setTime(date.getTime() + clock * (unit === "H" ? 36e5 : 6e4));
  else date.setDate(date.getDate() + (Number(days) || weeks * 7));
  return date;
};

export function dates(checklist, form) {
  const field = form.elements[0];
  const limits = [...checklist.root.querySelectorAll("[data-checklist-within]")];
  const due = (limit, start = checklist.record.start) => deadline(start, limit.getAttribute("data-checklist-within"));
  // A stored start so late that a deadline would be past the last day a Date
  // holds (year 275760) has no dates to show: it counts as no start. (The field
  // cannot give one: `new Date` reads no year past 9999 in it.)
  const counts = (start) => start && limits.every((limit) => !Number.isNaN(due(limit, start).getTime()));

  const show = () => {
    const started = counts(checklist.record.start);
    if (started && field !== document.activeElement) checklist.field(new Date(checklist.record.start));
    for (const limit of limits) {
      let by = limit.querySelector(".checklist__by");
      if (!started) {
        by?.remove();
        continue;
      }
      by ??= limit.appendChild(document.createElement("span"));
      by.className = "checklist__by";
      by.textContent = `, by ${when.format(due(limit))}`;
    }
  };

  const submit = () => {
    const start = new Date(field.value);
    if (Number.isNaN(start.getTime())) {
      checklist.say("Enter a date and a time first.");
      return false;
    }
    checklist.record.start = start.toISOString();
    checklist.save();
    show();
    checklist.say(`Dates counted from ${when.format(start)}.`);
    return true;
  };

  const calendar = () => {
    if (counts(checklist.record.start) || submit()) {
      import(form.querySelector("[data-checklist-calendar]").getAttribute("data-checklist-calendar"))
        .then((module) => module.download(checklist, limits, due))
        .catch(() => checklist.say("The calendar file could not be made. Please try again."));
    }
  };

  return { show, submit, calendar };
}
