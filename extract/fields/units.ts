// Units of a measure (牵头 / 配合 / 责任单位) and their canonical names; docs/labelling.md, section Units.
// Explicit forms first (labels "牵头单位:…": units/labels.ts; bracket phrases "(A牵头,B等配合)":
// units/brackets.ts); prose forms ("X牵头", "X会同Y", "X负责": units/prose.ts) only when there is no
// explicit one; 任务分工表 cells: units/table-cells.ts. Pure functions, regexes compiled once.
import type { Region, Unit } from "../schema.ts";
import { expandAliases } from "./unit-aliases.ts";
import { canonicalUnit, prepareKnown } from "./unit-canonical.ts";
import { FIRST_LEADS, FIRST_PLACE, wholeName, type Hit } from "./unit-clauses.ts";
import { labelHits } from "./units/labels.ts";
import { bracketHits } from "./units/brackets.ts";
import { proseHits } from "./units/prose.ts";
import { tableCellHits } from "./units/table-cells.ts";
import unitGroups from "../data/unit-groups.json" with { type: "json" };

export { expandAliases };
export { canonicalUnit, unitKey } from "./unit-canonical.ts";

/**
 * `atEnd`: the measure is the document's last and the text ends with it (a stored copy may be cut there). `dutyItems`: the
 * measure sits under a heading announcing duties by body ("二、职责分工": underDutyHeading).
 */
export type UnitContext = { region: Region; leadFirst: boolean; knownNames?: string[]; atEnd?: boolean; dutyItems?: boolean };

const DUTY_HEADING = new RegExp(unitGroups.dutyHeadings.join("|"));
/** Is one of the grouping headings above a measure one that announces duties by body ("职责分工", "分工与职责")? */
export function underDutyHeading(context: string[]): boolean {
  return context.some((h) => DUTY_HEADING.test(h));
}

function toUnits(hits: Hit[], ctx: UnitContext): Unit[] {
  const seen = new Set<string>();
  const out: Unit[] = [];
  for (const h of hits) {
    const key = h.role + "\u0000" + h.name;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ role: h.role, name: h.name, canonical: canonicalUnit(h.name, ctx.region, ctx.knownNames) });
  }
  return out;
}

/** Units of one measure's text (or of one sentence). */
export function extractUnits(text: string, ctx: UnitContext): Unit[] {
  const explicit = [...labelHits(text, ctx.leadFirst, ctx.atEnd), ...bracketHits(text, ctx.leadFirst, ctx.atEnd)];
  if (explicit.length > 0) {
    explicit.sort((a, b) => a.pos - b.pos); // stable: list order kept within one label or bracket
    return toUnits(explicit, ctx);
  }
  return toUnits(proseHits(text, prepareKnown(ctx.knownNames), ctx.dutyItems), ctx);
}

const LEAD_FIRST_RE = new RegExp(
  `${FIRST_PLACE}(?:的|者)?(?:单位|部门)?(?:为|是)(?:工作)?(?:牵头|主办|主责)|${FIRST_LEADS}|(?:牵头单位|牵头部门)(?:为|是)?(?:列|排)(?:在|于)?(?:第一位|首位)`,
);

/** The document says that the first listed unit leads (列第一位的为牵头单位). */
export function statesLeadFirst(documentText: string): boolean {
  return LEAD_FIRST_RE.test(documentText.replace(/\s+/g, ""));
}

/**
 * The first measure the convention holds for: a statement closed by 下同 inside a measure ("…(除标注“分别牵头”外,
 * 列第一位为牵头或汇总单位,下同)", 丽水 2023 一/4) holds from that measure on; stated in the preamble, in a note, or
 * without 下同, it holds for every measure. -1 when the document does not state it.
 */
export function leadFirstFrom(documentText: string, measureTexts: string[]): number {
  if (!statesLeadFirst(documentText)) return -1;
  const at = measureTexts.findIndex((t) => LEAD_FIRST_RE.test(t.replace(/\s+/g, "")));
  if (at <= 0) return 0;
  const flat = measureTexts[at].replace(/\s+/g, "");
  const m = LEAD_FIRST_RE.exec(flat)!;
  return /^[^。;；]{0,12}下同/.test(flat.slice(m.index + m[0].length)) ? at : 0;
}

/** Units of a 任务分工表 row whose 牵头单位 and 配合单位 cells are given as text. */
export function extractTableRowUnits(lead: string, coop: string, ctx: UnitContext): Unit[] {
  const hits = tableCellHits(lead, coop, prepareKnown(ctx.knownNames), ctx.leadFirst);
  // The document's last row, cut at the source ("10 中央预算内投资安排5000亿元 发展改革", 国办函〔2016〕38号): as in a cut
  // bracket, only whole names count — a last name that does not end like a body is dropped.
  const last = hits[hits.length - 1];
  if (ctx.atEnd && last && !wholeName(last.name)) hits.pop();
  return toUnits(hits, ctx);
}
