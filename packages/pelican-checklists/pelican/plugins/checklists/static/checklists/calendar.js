// Checklists: a calendar file (.ics, RFC 5545) of a checklist's timed items,
// made in the browser. The checklist script loads this module only when a
// reader asks for the file; see templates/checklists/component.html.

const stamp = (date) => date.toISOString().replace(/[-:]|\.\d+/g, "");
const text = (value) => value.replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n");
const encoder = new TextEncoder();
// Lines of at most 75 octets; a longer one goes on after a line break and a space.
const fold = (line) => {
  let folded = "";
  let size = 0;
  for (const char of line) {
    const octets = encoder.encode(char).length;
    if (size + octets > 75) {
      folded += "\r\n ";
      size = 1;
    }
    folded += char;
    size += octets;
  }
  return folded;
};

export function calendar({ id, title, address, host, items }) {
  const now = new Date();
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:-//${host}//Checklists//EN`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  for (const item of items) {
    lines.push(
      "BEGIN:VEVENT",
      // The same UID every time: a calendar that has the event already updates
      // it; the higher SEQUENCE (minutes since 1970) says this file is newer.
      `UID:${id}--${item.id}@${host}`,
      `SEQUENCE:${Math.floor(now / 6e4)}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(item.due)}`,
      `SUMMARY:${text(item.text)}`,
      `DESCRIPTION:${text(`${item.text}, ${item.within}. From the checklist “${title}”: ${address}`)}`,
      `URL:${address}`,
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${text(item.text)}`,
      // An hour before a limit of a day or less; a day before a longer one.
      `TRIGGER:${/^PT|^P1D$/.test(item.limit) ? "-PT1H" : "-P1D"}`,
      "END:VALARM",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

// A file of the checklist's timed items, downloaded; the outcome is said.
export function download(checklist, limits, due) {
  const items = limits.map((limit) => {
    const label = limit.parentElement.cloneNode(true);
    label.querySelector(".checklist__due").remove();
    return {
      id: limit.parentElement.control.value,
      text: label.textContent.trim(),
      limit: limit.getAttribute("data-checklist-within"),
      within: limit.firstChild.textContent,
      due: due(limit),
    };
  });
  // The checklist's printable page; on that page itself, or where there is none
  // (a draft), this page.
  const printable = checklist.root.querySelector(".checklist__link a");
  const file = calendar({
    id: checklist.id,
    title: checklist.root.querySelector("legend").textContent,
    address: new URL(printable ? printable.getAttribute("href") : location.pathname, location.href).href,
    host: location.host,
    items,
  });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([file], { type: "text/calendar" }));
  link.download = `${checklist.id}.ics`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 6e4);
  const count = items.length === 1 ? "1 reminder" : `${items.length} reminders`;
  checklist.say(`Calendar file downloaded, with ${count}: open it to add them to your calendar.`);
}
