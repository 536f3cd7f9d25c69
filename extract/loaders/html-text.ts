// Turn an HTML DOM into plain text lines: blocks become lines, table rows become tab-separated cells.
import { parseHTML } from "linkedom";
import { IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
  "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
  "section", "table", "tbody", "thead", "tfoot", "ul", "center",
]);
const SKIP = new Set(["script", "style", "noscript", "template", "iframe", "object", "svg", "head", "select", "button", "input", "textarea"]);

type Node = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<Node> };

const FLUSH = Symbol("flush");

/** Walked with an explicit stack, so that nesting depth costs memory, not call stack. */
export function domToText(root: Node): string {
  const out: string[] = [];
  let line = "";
  const flush = () => {
    const t = line.replace(/[ \t\u00a0\u3000]+/g, (m) => (m.includes("\t") ? "\t" : " ")).trim();
    if (t) out.push(t);
    line = "";
  };
  const stack: (Node | typeof FLUSH)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === FLUSH) { flush(); continue; }
    if (node.nodeType === 3) { line += (node.textContent ?? "").replace(/\s+/g, " "); continue; }
    if (node.nodeType !== 1) continue;
    const tag = node.nodeName.toLowerCase();
    if (SKIP.has(tag)) continue;
    if (tag === "br") { flush(); continue; }
    if (tag === "tr") {
      flush();
      const cells: string[] = [];
      for (const c of Array.from(node.childNodes)) {
        const ct = c.nodeName.toLowerCase();
        if (ct === "td" || ct === "th") cells.push(domToText(c).replace(/\t/g, " ").trim().replace(/\n+/g, "\v"));
      }
      out.push(cells.join("\t"));
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) { flush(); stack.push(FLUSH); }
    const children = Array.from(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  flush();
  return out.join("\n");
}

/** The deepest element nesting under root, counted without recursion; stops counting past `limit`. */
export function elementDepth(root: Node, limit: number): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const c of Array.from(node.childNodes)) if (c.nodeType === 1) stack.push([c, depth + 1]);
  }
  return max;
}

/** Refuse a tree nested deeper than LIMITS.html.maxDepth: the article finder recurses through it. */
export function assertDepth(root: Node): void {
  if (elementDepth(root, LIMITS.html.maxDepth) > LIMITS.html.maxDepth) {
    throw new IngestError("limit", `HTML 嵌套层数过深（超过 ${LIMITS.html.maxDepth} 层）`);
  }
}

export function htmlFragmentToText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  assertDepth(document.body as unknown as Node);
  return domToText(document.body as unknown as Node);
}
