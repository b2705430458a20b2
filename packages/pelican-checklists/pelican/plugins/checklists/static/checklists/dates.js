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
  const due = (limit) => deadline(checklist.record.start, limit.getAttribute("data-checklist-within"));

  const show = () => {
    const { start } = checklist.record;
    if (start && field !== document.activeElement) checklist.field(new Date(start));
    for (const limit of limits) {
      let by = limit.querySelector(".checklist__by");
      if (!start) {
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
    if (checklist.record.start || submit()) {
      import(form.querySelector("[data-checklist-calendar]").getAttribute("data-checklist-calendar"))
        .then((module) => module.download(checklist, limits, due))
        .catch(() => checklist.say("The calendar file could not be made. Please try again."));
    }
  };

  return { show, submit, calendar };
}
