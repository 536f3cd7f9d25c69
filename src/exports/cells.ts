// Cell text for one measure: task name, lead and cooperating units, deadlines, numbering labels.
import type { Measure, Unit } from "../../extract/schema.ts";

import { clerkDeadline, UNSTATED } from "./clerk.ts";
import { untitledName } from "../documents/file-name.ts";

export { UNSTATED };

const ROLE_NAMES: Record<Unit["role"], string> = { lead: "牵头", coop: "配合", responsible: "责任" };

/** A document's name in a table: its title, or 未命名文件（file name）, as the page names it (web/format.js docName). */
export function documentLabel(d: { title: string | null; source?: string | null }): string {
  const title = d.title?.trim();
  if (title) return title;
  const file = (d.source ?? "").split(/[\\/]/).pop();
  return untitledName(file);
}

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

/** The units a measure is assigned to: its lead units, else its responsible units (责任单位). */
function ownerUnits(m: Measure): string[] {
  const lead = namesOf(m, "lead");
  const responsible = namesOf(m, "responsible");
  return [...new Set([...lead, ...responsible])];
}

/** 牵头单位 cell: the lead units, then the 责任单位 (no "责任单位：" prefix); "未明确" with neither. */
export function leadCell(m: Measure): string {
  const owners = ownerUnits(m);
  return owners.length > 0 ? owners.join("、") : UNSTATED;
}

/** 配合单位 cell: the cooperating units, empty when the document names none. */
export function coopCell(m: Measure): string {
  return namesOf(m, "coop").join("、");
}

/** 完成时限 cell as a clerk writes it ("2022年3月底前；每季度末"), or "未明确". */
export function deadlineCell(m: Measure): string {
  return clerkDeadline(m.deadlines);
}

/** A numbering label as the document writes it: 二 → 二、, (一) → （一）, 1 → 1., (1) → （1）. */
function displayLabel(label: string): string {
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
