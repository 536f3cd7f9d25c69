// 任务分工表 cells: the 牵头单位 and 配合单位 cells of a row, their lines joined where they break a name.
import { isBody } from "../unit-aliases.ts";
import type { Known } from "../unit-canonical.ts";
import { labelItem, LIST_SEP, parseClauses, splitList, TRIM_SEP, type Hit, type Role } from "../unit-clauses.ts";
import { ENDS_WITH_SEP } from "./patterns.ts";

// A cell line that can only be the tail of a name broken across lines ("人行绵阳市中心\n支行").
const TAIL_ONLY = /^(支行|分行|分局|分公司|公司|办公室|委员会|管委会|工作局|监管局|中心支行)$/;

function joinCellLines(cell: string, known: Known): string {
  const lines = cell
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ""))
    .filter(Boolean);
  let acc = lines[0] ?? "";
  for (const l of lines.slice(1)) {
    const cut = Math.max(...[...LIST_SEP].map((s) => acc.lastIndexOf(s)));
    const lastPart = acc.slice(cut + 1);
    const chunk = /^[^、,，;；]*/.exec(l)?.[0] ?? "";
    // A line that is a whole body's name, or one after a second plate in brackets, starts a new unit even after a company
    // name that ends like no body ("中远海运" / "试点船公司", "市商务委（市口岸办）" / "亿通国际", 集运MaaS 推进任务分解表 unseen14d).
    // (a bare suffix "局" ending a name broken as "绵阳银保监分" / "局", tests/fixtures/fengong.pdf, is no whole name)
    const starts = (chunk.length >= 3 && isBody(chunk)) || /[)）]$/.test(lastPart);
    const join =
      ENDS_WITH_SEP.test(acc) ||
      known.set.has(lastPart + chunk) ||
      (!isBody(lastPart) && !starts) ||
      (lastPart.endsWith("委") && /^[员宣组统政办]/.test(l)) ||
      TAIL_ONLY.test(chunk);
    acc += join ? l : "、" + l;
  }
  return acc;
}

/** Hits of a row's lead and cooperating cells (the lead cell first). */
export function tableCellHits(lead: string, coop: string, known: Known, leadFirst: boolean): Hit[] {
  const hits: Hit[] = [];
  const cells: [string, Role, number][] = [
    [lead, "lead", 0],
    [coop, "coop", 1],
  ];
  for (const [cell, role, pos] of cells) {
    const value = joinCellLines(cell ?? "", known).replace(TRIM_SEP, "");
    if (!value) continue;
    const clauses = /牵头|配合|协助|协办|会同/.test(value) ? parseClauses(value, pos, leadFirst) : null;
    if (clauses) {
      hits.push(...clauses);
      continue;
    }
    // A cell holding a clause (an item that is no name: a long verb phrase, a figure) is task text shifted into the unit
    // column (沙坪坝 2022, a row cut at the source): only names that end like a body are read from it.
    const items = splitList(value);
    const read = items.map(labelItem);
    const shifted = read.some((it, i) => it === null && items[i].replace(TRIM_SEP, "").length > 8);
    for (const it of read) if (it && (!shifted || isBody(it.name))) hits.push({ role: it.role ?? role, name: it.name, pos });
  }
  return hits;
}
