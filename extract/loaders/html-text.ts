// Turn an HTML DOM into plain text lines: blocks become lines, table rows become tab-separated cells.
import { parseHTML } from "linkedom";

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
  "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
  "section", "table", "tbody", "thead", "tfoot", "ul", "center",
]);
const SKIP = new Set(["script", "style", "noscript", "template", "iframe", "object", "svg", "head", "select", "button", "input", "textarea"]);

type Node = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<Node> };

export function domToText(root: Node): string {
  const out: string[] = [];
  let line = "";
  const flush = () => {
    const t = line.replace(/[ \t\u00a0\u3000]+/g, (m) => (m.includes("\t") ? "\t" : " ")).trim();
    if (t) out.push(t);
    line = "";
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) { line += (node.textContent ?? "").replace(/\s+/g, " "); return; }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toLowerCase();
    if (SKIP.has(tag)) return;
    if (tag === "br") { flush(); return; }
    if (tag === "tr") {
      flush();
      const cells: string[] = [];
      for (const c of Array.from(node.childNodes)) {
        const ct = c.nodeName.toLowerCase();
        if (ct === "td" || ct === "th") cells.push(domToText(c).replace(/\t/g, " ").trim().replace(/\n+/g, "\v"));
      }
      out.push(cells.join("\t"));
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const c of Array.from(node.childNodes)) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return out.join("\n");
}

export function htmlFragmentToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return domToText(document.body as unknown as Node);
}
