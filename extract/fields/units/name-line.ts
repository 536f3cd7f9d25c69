// A numbered line holding only bodies' names heads their duties below it: "（一）虹口区绿化和市容管理局" / "区绿化市容局是…，负责…"
// (虹口 虹府规〔2022〕3号 三、分工与职责); "（二）区建管委、区交通委、区水务局、区房管局等建设主管部门" / "压实…" (松江 2026 清水行动 三).
// One recogniser for both readers of the form: repair (no sentence is broken at such a line: it is not joined to the next) and
// prose units (each name on it is responsible for the duties below).
import { cleanItem, proseBody, splitList } from "../unit-clauses.ts";
import { verbPhrase } from "./patterns.ts";
import { isBody } from "../unit-aliases.ts";
import groups from "../../data/unit-groups.json" with { type: "json" };

/** How the name of an item titled only by a body ends (nameTitleEndings: …局, …部门, …机关). */
export const NAME_ENDS = new RegExp(`(?:${[...groups.nameTitleEndings].sort((a, b) => b.length - a.length).join("|")})$`);
// A verb makes the line a sentence ("（二）支持各区政府" / "开展…"): the words anywhere; a single character (由, 请) only where
// it begins an assignment, at the line's start ("（二）由区建管委牵头…", "（三）请各区政府…"), not inside a name (自由贸易试验区, 申请).
const VERBS = groups.nameTitleVerbs.filter((v) => v.length > 1);
const OPENING_VERBS = groups.nameTitleVerbs.filter((v) => v.length === 1);
const SENTENCE = new RegExp(`^(?:${OPENING_VERBS.join("|")})|${VERBS.join("|")}`);
// A bracket naming no body after a name ("区公安分局（交管）") and a summing tail ("等建设主管部门") are read off.
const TAIL = /(?:[(（][^()（）]{1,10}[)）]|等[^、，,等]{0,10}(?:部门|单位|机构))$/;
const NOT_NAMES = /[\n。；;：:，,\s]/;
// "三、管理部门" over its paragraph: a heading naming only a class of body is the section's topic (bareClassHeadings), no unit.
const BARE_CLASS = new Set(groups.bareClassHeadings);

// A name closed by its second plate ("区建设管理委（区水务局）", 静安 2025 排水 四/(一)) ends like the name before the bracket.
const PLATE = /[(（][^()（）]{2,12}[)）]$/;

/**
 * The bodies' names a numbered line's text (its label off) holds when it holds nothing else; null for any other line.
 * `anyBody`: under a heading announcing duties by body (dutyHeadings), any body's ending will do ("（五）市北高新集团").
 */
export function namesOnlyLine(line: string, anyBody = false): string[] | null {
  if (line.length < 2 || line.length > 40 || NOT_NAMES.test(line) || SENTENCE.test(line)) return null;
  let rest = line;
  for (let r; (r = TAIL.exec(rest)); ) {
    if (!r[0].startsWith("等") && proseBody(r[0].slice(1, -1))) break; // a second plate stays part of the name
    rest = rest.slice(0, r.index);
  }
  if (BARE_CLASS.has(rest)) return null;
  const names = splitList(rest).map((it) => cleanItem(it)?.name ?? "");
  const body = (n: string) => (NAME_ENDS.test(n.replace(PLATE, "")) || (anyBody && isBody(n.replace(PLATE, "")))) && proseBody(n) && !verbPhrase(n);
  return names.length > 0 && names.every(body) ? names : null;
}
