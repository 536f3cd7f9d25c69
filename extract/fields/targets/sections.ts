// A section that reports the present state or the base ("一、发展现状", "(一)基本情况", "发展基础") holds facts,
// not goals: its figures are no targets and its dates no deadlines (docs/labelling.md, "a present-state section").
import words from "../../data/target-words.json" with { type: "json" };

const HEADINGS = new Set<string>(words.presentStateHeadings);
const NOT_BEFORE: string[] = words.presentStateHeadingNotBefore;
// a label ("一、", "(一)", "1．", "第一部分") and closing punctuation around the heading's words
const LABEL = /^[ \t\u3000]*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．])?[ \t\u3000]*/;
const TAIL = /[。.：:；;，,\s]+$/;

/** The heading's words, label and closing punctuation removed. */
function core(heading: string): string {
  return heading.replace(LABEL, "").replace(TAIL, "").replace(/[ \t\u3000]/g, "");
}

/**
 * True when the heading names the present state or the base: the whole heading is one of `presentStateHeadings`,
 * or a topic (up to 8 characters, no verb of change such as 改变) before 现状/发展现状 ("学前教育发展现状").
 * "夯实发展基础", "巩固工作成效" (a task) are not: only 现状 takes a topic before it.
 */
export function presentStateHeading(heading: string | null | undefined): boolean {
  if (!heading) return false;
  const c = core(heading);
  if (HEADINGS.has(c)) return true;
  const m = /^(.{1,8}?)(?:发展)?现状$/.exec(c);
  return !!m && !NOT_BEFORE.some((w) => m[1].includes(w));
}

/** True when the measure or a heading above it is a present-state section. */
export function inPresentStateSection(title: string | null, context: readonly string[]): boolean {
  return presentStateHeading(title) || context.some((h) => presentStateHeading(h));
}
