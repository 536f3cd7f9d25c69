// OFD (GB/T 33190) → text per page. The package is a zip: OFD.xml → DocBody (DocInfo, DocRoot) →
// Document.xml (pages in their listed order, templates, resources) → each page's Content.xml. Text comes
// from TextObject/TextCode (X, Y, DeltaX/DeltaY with "g" repeats, CDATA) inside layers, page blocks,
// templates and composite graphic units, placed on the page through every Boundary and CTM on the way;
// lines and reading order are rebuilt from those positions. Seals and signatures are document properties,
// never text. Pages written in private-use glyph codes are not read as garbage: their glyphs (positions, sizes,
// fonts) and the embedded fonts they use are handed on, to be drawn with those fonts and read by OCR
// (ofd-render.ts; the fonts map the codes to the glyphs they stand for).
import { DOMParser } from "@xmldom/xmldom";
import { verifyZip } from "./zip.ts";
import { IngestError } from "../errors.ts";
import type { OfdGlyph, OfdRender, OfdRenderPage } from "./ofd-render.ts";

type El = Element;
type Matrix = [number, number, number, number, number, number]; // a b c d e f: x' = a x + c y + e, y' = b x + d y + f
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export interface OfdDocument {
  pages: string[]; // text per page, lines in reading order
  /** Pages whose text is mostly private-use glyph codes (numbers from 1): they need OCR. */
  glyphCodePages: number[];
  properties: Record<string, string>; // DocInfo (Title, Author, CreationDate, CustomData …), 签章
  /** The glyph-code pages as glyphs to draw, and the package paths of the embedded fonts by font ID. */
  glyphPages: OfdRenderPage[];
  fontFiles: Map<string, string>;
}

/** Share of a page's characters in the private-use area above which the page is unreadable glyph codes. */
const GLYPH_CODE_SHARE = 0.3;
/** A gap wider than this many character sizes between two runs on one line separates cells. */
const CELL_GAP = 2;
const MAX_DEPTH = 32; // nested blocks and composite units

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const numbers = (s: string | null) => (s ?? "").trim().split(/[\s,]+/).filter(Boolean).map(Number);

function matrixOf(s: string | null): Matrix {
  const v = numbers(s);
  return v.length === 6 && v.every(Number.isFinite) ? (v as Matrix) : IDENTITY;
}

/** The object's own space on the page: parent · translate(Boundary origin) · CTM. */
function objectMatrix(parent: Matrix, el: El): Matrix {
  const b = numbers(el.getAttribute("Boundary"));
  const t: Matrix = [1, 0, 0, 1, Number.isFinite(b[0]) ? b[0] : 0, Number.isFinite(b[1]) ? b[1] : 0];
  return multiply(multiply(parent, t), matrixOf(el.getAttribute("CTM")));
}

/** DeltaX/DeltaY: "g 3 16.89" repeats 16.89 three times. */
export function expandDeltas(s: string | null): number[] {
  const v = (s ?? "").trim().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  for (let i = 0; i < v.length; i++) {
    if (v[i] === "g" && i + 2 < v.length) {
      const n = Math.min(Number(v[i + 1]), 100000);
      for (let k = 0; k < n; k++) out.push(Number(v[i + 2]));
      i += 2;
    } else out.push(Number(v[i]));
  }
  return out.map((x) => (Number.isFinite(x) ? x : 0));
}

const children = (el: El): El[] => {
  const out: El[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as El);
  return out;
};
const local = (el: El) => el.localName ?? el.nodeName.replace(/^.*:/, "");
const child = (el: El | null | undefined, name: string) => (el ? children(el).find((c) => local(c) === name) ?? null : null);
const textOf = (el: El | null) => (el?.textContent ?? "").trim();
/** Every descendant element with this local name, in document order, whatever its namespace. */
function byName(root: El | null | undefined, name: string): El[] {
  const out: El[] = [];
  const stack: El[] = root ? [root] : [];
  while (stack.length) {
    const el = stack.pop()!;
    if (local(el) === name) out.push(el);
    const cs = children(el);
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
  }
  return out;
}

interface Run {
  x: number; // left of the first glyph
  end: number; // right of the last glyph
  y: number; // baseline
  size: number; // glyph size on the page
  text: string;
}

// ---------------------------------------------------------------------------------------------
// The package

class Package {
  private files = new Map<string, Buffer>();
  private lower = new Map<string, string>();
  constructor(entries: Map<string, Buffer>) {
    for (const [name, buf] of entries) {
      const key = name.replace(/^\/+/, "");
      this.files.set(key, buf);
      this.lower.set(key.toLowerCase(), key);
    }
  }
  /** A path as written in the package (absolute, or relative to `from`'s folder). */
  resolve(loc: string, from = ""): string {
    const parts = loc.startsWith("/") ? [] : from.split("/").slice(0, -1);
    for (const p of loc.replace(/\\/g, "/").split("/")) {
      if (p === "" || p === ".") continue;
      if (p === "..") parts.pop();
      else parts.push(p);
    }
    const path = parts.join("/");
    return this.files.has(path) ? path : this.lower.get(path.toLowerCase()) ?? path;
  }
  xml(path: string): Document | null {
    const buf = this.files.get(path);
    if (!buf) return null;
    let failed = false;
    const doc = new DOMParser({ errorHandler: { warning: () => {}, error: () => {}, fatalError: () => { failed = true; } } }).parseFromString(buf.toString("utf8"), "text/xml");
    return failed || !doc.documentElement ? null : doc;
  }
}

// ---------------------------------------------------------------------------------------------
// Text placement

class PageReader {
  runs: Run[] = [];
  /** Every glyph placed, with its font (for drawing a page whose text is glyph codes). */
  glyphs: OfdGlyph[] = [];
  constructor(private units: Map<string, El>) {}

  /** Text objects of a content element (layers, blocks, composite objects) placed by `m`. */
  walk(el: El, m: Matrix, depth = 0): void {
    if (depth > MAX_DEPTH) throw new IngestError("limit", `OFD 嵌套层级过深（超过 ${MAX_DEPTH} 层）`);
    for (const c of children(el)) {
      switch (local(c)) {
        case "Layer":
        case "PageBlock":
        case "Content":
          this.walk(c, m, depth + 1);
          break;
        case "TextObject":
          this.text(c, objectMatrix(m, c));
          break;
        case "CompositeObject": {
          const unit = this.units.get(c.getAttribute("ResourceID") ?? "");
          const content = child(unit, "Content");
          if (content) this.walk(content, objectMatrix(m, c), depth + 1);
          break;
        }
      }
    }
  }

  private text(obj: El, m: Matrix): void {
    const size = Number(obj.getAttribute("Size")) || 3.5;
    const scale = Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2])) || 1;
    const pageSize = size * scale;
    const font = obj.getAttribute("Font") ?? "";
    let x = 0;
    let y = 0;
    for (const code of children(obj).filter((c) => local(c) === "TextCode")) {
      const text = (code.textContent ?? "").replace(/[\r\n\t]/g, "");
      if (!text) continue;
      if (code.hasAttribute("X")) x = Number(code.getAttribute("X")) || 0;
      if (code.hasAttribute("Y")) y = Number(code.getAttribute("Y")) || 0;
      const dx = expandDeltas(code.getAttribute("DeltaX"));
      const dy = expandDeltas(code.getAttribute("DeltaY"));
      const chars = [...text];
      let run: Run | null = null;
      for (let i = 0; i < chars.length; i++) {
        const [px, py] = apply(m, x, y);
        if (chars[i].trim()) this.glyphs.push({ x: px, y: py, size: pageSize, font, ch: chars[i] });
        if (run && Math.abs(py - run.y) <= pageSize * 0.3 && px >= run.x) {
          run.text += chars[i];
          run.end = px + pageSize;
        } else {
          if (run) this.runs.push(run);
          run = { x: px, end: px + pageSize, y: py, size: pageSize, text: chars[i] };
        }
        if (i < chars.length - 1) {
          x += dx[i] ?? (dx.length ? dx[dx.length - 1] : size);
          y += dy[i] ?? 0;
        }
      }
      if (run) this.runs.push(run);
    }
  }

  /** Runs → lines (same baseline), top to bottom, each left to right; wide gaps kept as two spaces. */
  lines(): string[] {
    const runs = [...this.runs].sort((a, b) => a.y - b.y || a.x - b.x);
    const lines: Run[][] = [];
    for (const r of runs) {
      const line = lines[lines.length - 1];
      if (line && Math.abs(r.y - line[0].y) <= Math.min(r.size, line[0].size) * 0.5) line.push(r);
      else lines.push([r]);
    }
    return lines.map((line) => {
      line.sort((a, b) => a.x - b.x);
      let out = "";
      let end = -Infinity;
      for (const r of line) {
        if (out && r.x - end > CELL_GAP * r.size) out += "  ";
        out += r.text;
        end = Math.max(end, r.end);
      }
      return out.trim();
    }).filter(Boolean);
  }
}

const PUA = /[\ue000-\uf8ff]/g;

// ---------------------------------------------------------------------------------------------
// API

/** Read an OFD package already unzipped (entry name → bytes). */
export function readOfd(entries: Map<string, Buffer>): OfdDocument {
  const pkg = new Package(entries);
  const ofd = pkg.xml(pkg.resolve("OFD.xml"));
  if (!ofd) throw new IngestError("corrupt", "OFD 文件已损坏（缺少或无法解析 OFD.xml）");
  const body = byName(ofd.documentElement as El, "DocBody")[0] ?? null;
  const rootLoc = textOf(child(body, "DocRoot"));
  if (!rootLoc) throw new IngestError("corrupt", "OFD 文件已损坏（OFD.xml 未指明文档根 DocRoot）");
  const rootPath = pkg.resolve(rootLoc);
  const doc = pkg.xml(rootPath);
  if (!doc) throw new IngestError("corrupt", `OFD 文件已损坏（无法读取文档根 ${rootLoc}）`);

  const properties: Record<string, string> = {};
  const info = child(body, "DocInfo");
  for (const c of info ? children(info) : []) {
    if (local(c) === "CustomDatas") {
      for (const d of children(c)) if (d.getAttribute("Name") && textOf(d)) properties[d.getAttribute("Name")!] = textOf(d);
    } else if (textOf(c) && children(c).length === 0) properties[local(c)] = textOf(c);
  }

  const common = child(doc.documentElement as El, "CommonData");
  // Composite graphic units of the public and document resources.
  const units = new Map<string, El>();
  const fontFiles = new Map<string, string>();
  for (const r of common ? children(common) : []) {
    if (local(r) !== "PublicRes" && local(r) !== "DocumentRes") continue;
    const res = pkg.xml(pkg.resolve(textOf(r), rootPath));
    for (const u of byName(res?.documentElement as El | undefined, "CompositeGraphicUnit")) units.set(u.getAttribute("ID") ?? "", u);
    // Embedded fonts: FontFile relative to the resource file's BaseLoc folder.
    const resPath = pkg.resolve(textOf(r), rootPath);
    const base = (res?.documentElement as El | undefined)?.getAttribute("BaseLoc") ?? "";
    for (const f of byName(res?.documentElement as El | undefined, "Font")) {
      const file = textOf(child(f, "FontFile"));
      if (file) fontFiles.set(f.getAttribute("ID") ?? "", pkg.resolve(file.startsWith("/") ? file : `${base ? `${base}/` : ""}${file}`, resPath));
    }
  }
  const templates = new Map<string, string>();
  for (const t of common ? children(common).filter((c) => local(c) === "TemplatePage") : [])
    templates.set(t.getAttribute("ID") ?? "", pkg.resolve(t.getAttribute("BaseLoc") ?? "", rootPath));

  const pageEls = children(child(doc.documentElement as El, "Pages") ?? (doc.documentElement as El)).filter((c) => local(c) === "Page");
  if (pageEls.length === 0) throw new IngestError("corrupt", "OFD 文件已损坏（Document.xml 没有列出页面）");
  const pages: string[] = [];
  const glyphCodePages: number[] = [];
  const glyphPages: OfdRenderPage[] = [];
  const defaultBox = numbers(textOf(child(child(common, "PageArea"), "PhysicalBox")));
  pageEls.forEach((p, i) => {
    const path = pkg.resolve(p.getAttribute("BaseLoc") ?? "", rootPath);
    const page = pkg.xml(path);
    if (!page) throw new IngestError("corrupt", `OFD 文件已损坏（第 ${i + 1} 页 ${p.getAttribute("BaseLoc")} 无法读取）`);
    const reader = new PageReader(units);
    const root = page.documentElement as El;
    // Templates first (background), then the page's own content.
    for (const t of children(root).filter((c) => local(c) === "Template")) {
      const tp = templates.get(t.getAttribute("TemplateID") ?? "");
      const tdoc = tp ? pkg.xml(tp) : null;
      const content = child(tdoc?.documentElement as El | undefined, "Content");
      if (content) reader.walk(content, IDENTITY);
    }
    const content = child(root, "Content");
    if (content) reader.walk(content, IDENTITY);
    const text = reader.lines().join("\n");
    // Among the characters that carry words (CJK and private-use; leader dots and Latin aside).
    const pua = text.match(PUA)?.length ?? 0;
    const letters = pua + (text.match(/[\u3400-\u9fff]/g)?.length ?? 0);
    if (letters > 0 && pua / letters > GLYPH_CODE_SHARE) {
      glyphCodePages.push(i + 1);
      const box = numbers(textOf(child(child(root, "Area"), "PhysicalBox")));
      const [, , width, height] = box.length === 4 ? box : defaultBox.length === 4 ? defaultBox : [0, 0, 210, 297];
      glyphPages.push({ number: i + 1, width, height, glyphs: reader.glyphs });
      pages.push("");
    } else pages.push(text.replace(PUA, ""));
  });

  // Seals and signatures: how many, of which kind, by whom and when (Signatures.xml → Signature.xml), never text.
  const sigLoc = textOf(child(body, "Signatures"));
  const sigPath = sigLoc ? pkg.resolve(sigLoc) : "";
  const list = sigLoc ? byName(pkg.xml(sigPath)?.documentElement as El | undefined, "Signature") : [];
  if (list.length > 0) {
    properties["签章数"] = String(list.length);
    properties["签章类型"] = [...new Set(list.map((s) => (s.getAttribute("Type") === "Sign" ? "签名" : "电子印章")))].join("、");
    const who = new Set<string>();
    const when = new Set<string>();
    for (const s of list) {
      const sig = pkg.xml(pkg.resolve(s.getAttribute("BaseLoc") ?? "", sigPath))?.documentElement as El | undefined;
      const name = textOf(byName(sig, "ProviderName")[0] ?? null) || textOf(byName(sig, "Company")[0] ?? null);
      const at = textOf(byName(sig, "SignatureDateTime")[0] ?? null);
      if (name) who.add(name);
      if (at) when.add(at);
    }
    if (who.size) properties["签章提供方"] = [...who].join("、");
    if (when.size) properties["签章时间"] = [...when].join("、");
  }
  return { pages, glyphCodePages, properties, glyphPages, fontFiles };
}

/** An OFD file → text per page and its properties, and its glyph-code pages to draw and read by OCR; refused
 *  when no page has text of either kind. */
export async function ofdText(buf: Buffer): Promise<{ text: string; pages: string[]; properties: Record<string, string>; render?: OfdRender }> {
  // The XML parts only (images, fonts and seals' binaries are not needed for text), sizes and CRCs checked.
  const { kept } = await verifyZip(buf, () => false, "OFD", (name) => /\.xml$/i.test(name));
  const doc = readOfd(kept);
  const readable = doc.pages.filter((p) => p.trim().length > 0).length;
  if (doc.glyphCodePages.length > 0) {
    // Only the fonts those pages use are inflated (a second, verified pass over the package).
    const used = new Set(doc.glyphPages.flatMap((p) => p.glyphs.map((g) => g.font)));
    const paths = new Map([...doc.fontFiles].filter(([id]) => used.has(id)).map(([id, path]) => [path.toLowerCase(), id]));
    const { kept: files } = await verifyZip(buf, () => false, "OFD", (name) => paths.has(name.replace(/^\/+/, "").toLowerCase()));
    const fonts: Record<string, Uint8Array> = {};
    for (const [name, bytes] of files) fonts[paths.get(name.replace(/^\/+/, "").toLowerCase())!] = new Uint8Array(bytes);
    return { text: doc.pages.join("\n"), pages: doc.pages, properties: doc.properties, render: { pages: doc.glyphPages, fonts } };
  }
  if (readable === 0) throw new IngestError("no-text", "OFD 中没有可提取的文字（可能是扫描件）");
  return { text: doc.pages.join("\n"), pages: doc.pages, properties: doc.properties };
}
