// A minimal OFD writer for tests only: lays a text out on A4 pages as a typesetter would (a body 156 mm
// wide, lines of 28 characters of 5.6 mm, paragraphs indented by two characters, 22 lines a page, a
// page number "— n —" at the foot) and packs it as GB/T 33190 (OFD.xml → Doc_0/Document.xml → pages).
import JSZip from "jszip";

const NS = "http://www.ofdspec.org/2016";
const LEFT = 27;
const TOP = 37;
const SIZE = 5.6;
const PER_LINE = 28;
const LINE_GAP = 10;
const LINES_PER_PAGE = 22;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Visual lines of a text: each paragraph indented and wrapped at the body width. */
function layout(text: string): { x: number; text: string }[] {
  const out: { x: number; text: string }[] = [];
  for (const para of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const chars = [...para];
    let first = true;
    for (let i = 0; i < chars.length; ) {
      const room = first ? PER_LINE - 2 : PER_LINE;
      out.push({ x: LEFT + (first ? 2 * SIZE : 0), text: chars.slice(i, i + room).join("") });
      i += room;
      first = false;
    }
  }
  return out;
}

function textObject(id: number, x: number, y: number, text: string): string {
  const n = [...text].length;
  const delta = n > 1 ? ` DeltaX="g ${n - 1} ${SIZE}"` : "";
  return `<ofd:TextObject ID="${id}" Boundary="${x} ${y} ${n * SIZE} ${SIZE * 1.2}" Font="1" Size="${SIZE}"><ofd:TextCode X="0" Y="${SIZE}"${delta}>${esc(text)}</ofd:TextCode></ofd:TextObject>`;
}

/** An OFD package holding `text`, with DocInfo `title`. */
export async function writeOfd(text: string, title = ""): Promise<Buffer> {
  const lines = layout(text);
  const zip = new JSZip();
  zip.file(
    "OFD.xml",
    `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="${NS}" Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID><ofd:Title>${esc(title)}</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
  );
  const pages: string[] = [];
  let id = 10;
  for (let p = 0; p * LINES_PER_PAGE < lines.length; p++) {
    const objs = lines.slice(p * LINES_PER_PAGE, (p + 1) * LINES_PER_PAGE).map((l, i) => textObject(id++, l.x, TOP + i * LINE_GAP, l.text));
    objs.push(textObject(id++, 95, 280, `— ${p + 1} —`));
    zip.file(`Doc_0/Pages/Page_${p}/Content.xml`, `<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="${id++}">${objs.join("")}</ofd:Layer></ofd:Content></ofd:Page>`);
    pages.push(`<ofd:Page ID="${id++}" BaseLoc="Pages/Page_${p}/Content.xml"/>`);
  }
  zip.file(
    "Doc_0/Document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:MaxUnitID>${id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>${pages.join("")}</ofd:Pages></ofd:Document>`,
  );
  zip.file("Doc_0/PublicRes.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="仿宋"/></ofd:Fonts></ofd:Res>`);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
