// Cell text for one measure: task name, lead and cooperating units, deadlines, numbering labels.
import type { Measure, Unit } from "../../extract/schema.ts";

/** Shown where the document names no unit or no deadline: a visible gap, never a guess. */
export const UNSTATED = "未明确";

const ROLE_NAMES: Record<Unit["role"], string> = { lead: "牵头", coop: "配合", responsible: "责任" };

export function roleName(role: Unit["role"]): string {
  return ROLE_NAMES[role];
}

function namesOf(m: Measure, role: Unit["role"]): string[] {
  return [...new Set(m.units.filter((u) => u.role === role).map((u) => u.name))];
}

// A unit label left in a title by the segmenter: "……目标(牵头单位:领导小组办公室" or "（责任单位：…）".
const TRAILING_UNIT_LABEL = /[（(]\s*(?:牵头|配合|责任|主办|协办)单位[\s\S]*$/;
const TRAILING_PUNCT = /[\s。；;，,：:、]+$/;

/** First sentence of a text: up to the first 。；！？ or line break. */
export function firstSentence(text: string): string {
  const line = text.trim().split(/\n/)[0] ?? "";
  const m = /^[\s\S]*?[。；;！？!?]/.exec(line);
  return (m ? m[0] : line).replace(TRAILING_PUNCT, "");
}

/** 重点任务: the measure's title, else its first sentence; unit labels left in it removed. */
export function taskName(m: Measure): string {
  const raw = m.title?.trim() || firstSentence(m.text);
  const cleaned = raw.replace(TRAILING_UNIT_LABEL, "").replace(TRAILING_PUNCT, "");
  return cleaned || raw;
}

/**
 * 牵头单位 cell: the lead units; without one, the 责任单位 marked as such
 * ("责任单位：市商行、市农商行"); with neither, "未明确".
 */
export function leadCell(m: Measure): string {
  const lead = namesOf(m, "lead");
  const responsible = namesOf(m, "responsible");
  const responsibleText = responsible.length > 0 ? `责任单位：${responsible.join("、")}` : "";
  if (lead.length > 0) return responsibleText ? `${lead.join("、")}；${responsibleText}` : lead.join("、");
  return responsibleText || UNSTATED;
}

/** 配合单位 cell: the cooperating units, empty when the document names none. */
export function coopCell(m: Measure): string {
  return namesOf(m, "coop").join("、");
}

/** 完成时限 cell: the deadlines as written, joined with "；", or "未明确". */
export function deadlineCell(m: Measure): string {
  const texts = [...new Set(m.deadlines.map((d) => d.text))];
  return texts.length > 0 ? texts.join("；") : UNSTATED;
}

/** A numbering label as the document writes it: 二 → 二、, (一) → （一）, 1 → 1., (1) → （1）. */
export function displayLabel(label: string): string {
  if (/^[一二三四五六七八九十百零〇]+$/.test(label)) return `${label}、`;
  if (/^\d+$/.test(label)) return `${label}.`;
  const paren = /^[(（](.+)[)）]$/.exec(label);
  if (paren) return `（${paren[1]}）`;
  return label;
}

/** Text of a section row: its numbering and heading, the heading's trailing full stop dropped. */
export function sectionText(path: string, heading: string): string {
  const label = path.split("/").pop() ?? path;
  return `${displayLabel(label)}${heading.trim().replace(/[。；;]+$/, "")}`;
}
