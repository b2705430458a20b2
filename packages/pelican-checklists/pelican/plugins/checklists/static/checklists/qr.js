// Checklists: a progress link as a QR code on screen, to open on a phone; see
// templates/checklists/index.html.

const SVG = "http://www.w3.org/2000/svg";
const MARGIN = 4; // the quiet zone a scanner needs, in modules

const element = (parent, name, attributes) => {
  const made = parent.appendChild(document.createElementNS(SVG, name));
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
  return made;
};

// Return an SVG of ``text`` as a QR code (dark on light in both colour schemes),
// or null when it is too long for one.
export async function qrCode(text, encoder) {
  const { generate } = await import(encoder);
  let code;
  try {
    code = generate(text);
  } catch (error) {
    return null;
  }
  const size = code.size + 2 * MARGIN;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  let path = "";
  for (let y = 0; y < code.size; y += 1) {
    for (let x = 0; x < code.size; x += 1) {
      if (code.get(x, y)) path += `M${x + MARGIN} ${y + MARGIN}h1v1h-1z`;
    }
  }
  element(svg, "rect", { width: size, height: size, fill: "#fff" });
  element(svg, "path", { d: path, fill: "#000" });
  return svg;
}
