// Split repaired text into its numbered hierarchy and pick out the measures (contract: "The measure object").
import { isDateLine, parseAttachment, parseLabel, type Label } from "./labels.ts";

export interface OutlineNode {
  label: Label;
  path: string; // labels joined by "/"
  raw: string; // the head line as written, label included
  head: string; // the label's line without the label
  own: string[]; // the item's own lines after its head, before its first child
  children: OutlineNode[];
  line: number; // index of the head line
}

export interface Segment {
  path: string;
  title: string | null;
  text: string;
  /** Grouping headings above the measure, e.g. ["间接融资支持措施", "增加科创企业信贷供给"]. */
  context: string[];
  /** Year block heading ("2017 年度。") the measure sits under, if any. */
  yearBlock: string | null;
}

export interface DocumentParts {
  preamble: string;
  closing: string;
  roots: OutlineNode[];
}

/** "Has its own unit, deadline or target": decides whether a short heading with children still is a measure. */
export type HeadingTest = (heading: string) => boolean;

const GROUPING_MAX_CHARS = 40;
const YEAR_BLOCK = /^(\d{4})\s*年度?[。.]?$/;
const ORG_SUFFIX = /(办公厅|办公室|人民政府|政府|委员会|领导小组|局|厅|委|部|院|会|中心|支行)$/;
const CLOSING_MARK = /^(抄送[:：]|\(此件[^)]*\)$|\(联系人|\(信息公开选项)/;

/** Is line i the start of the signature block: an issuer line followed by a date line? */
function isSignature(lines: string[], i: number): boolean {
  const l = lines[i];
  if (isDateLine(l)) return true;
  return l.length <= 30 && ORG_SUFFIX.test(l) && !/[，,。；;：:]/.test(l) && i + 1 < lines.length && isDateLine(lines[i + 1]);
}

/** Parse the numbered outline. */
export function buildOutline(text: string): DocumentParts {
  const lines = text.split("\n").filter((l) => l.trim().length > 0);
  const roots: OutlineNode[] = [];
  const preamble: string[] = [];
  const closing: string[] = [];
  let stack: OutlineNode[] = [];
  let prefix = ""; // attachment label
  let state: "preamble" | "body" | "closing" = "preamble";
  let last: OutlineNode | null = null;
  const seen = new Set<string>();

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const att = parseAttachment(line);
    if (att && state !== "preamble") {
      prefix = att;
      stack = [];
      last = null;
      state = "body";
      continue;
    }
    if (state === "body" && (CLOSING_MARK.test(line) || isSignature(lines, i))) state = "closing";
    if (state === "closing" && !att) {
      closing.push(line);
      continue;
    }
    const label = parseLabel(line);
    if (!label) {
      if (state === "preamble") preamble.push(line);
      else if (last) last.own.push(line);
      continue;
    }
    state = "body";
    const parentIdx = findLevel(stack, label);
    let parent: OutlineNode | null;
    if (parentIdx >= 0) {
      stack = stack.slice(0, parentIdx);
      parent = stack[stack.length - 1] ?? null;
    } else {
      parent = stack[stack.length - 1] ?? null;
    }
    const parts = [...(parent ? [parent.path] : prefix ? [prefix] : []), label.label];
    let path = parts.join("/");
    for (let k = 2; seen.has(path); k++) path = `${parts.join("/")}#${k}`; // numbering that repeats
    seen.add(path);
    const node: OutlineNode = { label, path, raw: line, head: label.rest.trim(), own: [], children: [], line: i };
    (parent ? parent.children : roots).push(node);
    stack.push(node);
    last = node;
  }
  return { preamble: preamble.join("\n"), closing: closing.join("\n"), roots };
}

/** Index in the stack of the open item this label continues (a sibling), or -1 for a new, deeper level. */
function findLevel(stack: OutlineNode[], label: Label): number {
  const same: number[] = [];
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].label.type === label.type) same.push(i);
  if (same.length === 0) return -1;
  // Prefer the level whose numbering this label continues; a "1" under an open "3" starts a nested list.
  const cont = same.find((i) => stack[i].label.n + 1 === label.n);
  if (cont !== undefined) return cont;
  if (label.n === 1 && stack[same[0]].label.n > 1 && same[0] === stack.length - 1) return -1;
  return same[0];
}

/** The item's text: its head (without its own label), own lines, and its children's lines as written. */
function nodeLines(n: OutlineNode, withLabel: boolean): string[] {
  return [withLabel ? n.raw : n.head, ...n.own, ...n.children.flatMap((c) => nodeLines(c, true))].filter((l) => l.length > 0);
}

/** The lead sentence of a heading: up to the first 。；; or the whole line. */
export function leadSentence(head: string): string | null {
  const m = /^(.+?)[。；;！!？?]/.exec(head);
  const s = (m ? m[1] : head).replace(/[:：]$/, "").trim();
  return s.length > 0 ? s : null;
}

/** Measures in document order, per the contract's measure rule. */
export function selectMeasures(roots: OutlineNode[], hasOwnFacts: HeadingTest): Segment[] {
  const out: Segment[] = [];
  const visit = (n: OutlineNode, context: string[], yearBlock: string | null) => {
    // A short heading only: one line, no second sentence, nothing of its own to do.
    const headingOnly = n.own.length === 0 && n.head.length <= GROUPING_MAX_CHARS && !/[。；;！？!?](?=.)/.test(n.head);
    const isGrouping = n.children.length > 0 && headingOnly && !hasOwnFacts(n.head);
    const isYearBlock = YEAR_BLOCK.test(n.head);
    if (isGrouping || (isYearBlock && n.children.length > 0 && n.own.length === 0)) {
      const ctx = n.head ? [...context, n.head.replace(/[。.]$/, "")] : context;
      for (const c of n.children) visit(c, ctx, isYearBlock ? n.head : yearBlock);
      return;
    }
    out.push({
      path: n.path,
      title: leadSentence(n.head),
      text: nodeLines(n, false).join("\n"),
      context,
      yearBlock,
    });
  };
  for (const r of roots) visit(r, [], null);
  return out;
}
