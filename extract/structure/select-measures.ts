// Pick out the measures of a numbered outline (contract: "The measure object"): an item is a measure unless it only
// groups the items below it (a short heading, a lead-in paragraph, a year or plan-period block, a table's section row).
import { zhNumber } from "./labels.ts";
import { nodeLines, type OutlineNode } from "./outline.ts";
import type { TableRow } from "./task-rows.ts";
import unitGroups from "../data/unit-groups.json" with { type: "json" };
import deadlineWords from "../data/deadline-words.json" with { type: "json" };

export interface Segment {
  path: string;
  title: string | null;
  text: string;
  /** Grouping headings above the measure, e.g. ["间接融资支持措施", "增加科创企业信贷供给"]. */
  context: string[];
  /** Year or plan-period block heading ("2017 年度。", "“十二五”时期主要规划指标。") the measure sits under, if any. */
  yearBlock: string | null;
  /** Set when the measure is a row of a task-assignment table. */
  row?: TableRow;
}

/** "Has its own unit, deadline or target": decides whether a short heading with children still is a measure. */
export type HeadingTest = (heading: string) => boolean;

const GROUPING_MAX_CHARS = 40;
const PHRASE_MAX_CHARS = 60;
/**
 * A short unnumbered line naming a group of the items below it, no clause or bracket ("加强基础设施建设", "精准扩大有效投资。");
 * no figure either: a line with a year or a number states a fact ("试点于2016年启动。" is the heading's own paragraph).
 */
const SUB_HEADING = /^[^，,；;：:、。！？!?()（）〔〕\s0-9０-９]{2,20}[。.]?$/;
const YEAR_BLOCK = /^(\d{4})\s*年度?[。.]?$/;
// A heading that names a plan period and nothing else to do ("(一)“十二五”时期主要规划指标。", 辽宁 辽政办发〔2012〕53号):
// like a year block, it groups its items and dates every one of them.
const PLAN_PERIOD = new RegExp(
  `[“"]?(?:${Object.keys(deadlineWords.planPeriods).join("|")})[”"]?(?:${deadlineWords.planPeriodSuffixes.join("|")})`,
);
/** A paragraph that ends by announcing the items below it: "…实施如下重点项目：", "…重点抓好以下工作：". */
const LEADS_IN = /[，,。；;]?[^，,。；;]*(?:如下|以下|下列)[^，,。；;：:]{0,12}[:：]$/;
// …or by naming as many items as follow it: "聚焦区域，分类梳理，开展静安更新六大“卓越行动”：" over (一)…(六) (静安 2023, unseen11b).
const LEADS_IN_COUNT = /(两|[一二三四五六七八九]|十[一二三四五六七八九]?)(?:大|个|项|类|方面)[^，,。；;：:]{0,12}[:：]$/;
const leadsInto = (text: string, kids: number): boolean => {
  const m = LEADS_IN_COUNT.exec(text);
  return (LEADS_IN.test(text) && !DUTIES_LEAD_IN.test(text)) || (!!m && zhNumber(m[1]) === kids);
};
// "（三）虹口区建设和管理委员会 / 区建设管理委是本区…的主管部门，主要履行以下职责： / 1.负责督促…" (虹口 虹府规〔2022〕3号 三、分工与职责;
// "牵头行主要履行以下职责：（一）…（六）…", 《银团贷款业务指引》 on a public page): the items are the duties of the body the item names, so
// the item is a measure with its duties as its text, not a heading leading into measures.
const DUTIES_LEAD_IN = /(?:履行|承担)(?:以下|如下|下列)(?:工作)?职责[:：]$/;
// An official who leads ("一、朱伟县长牵头重点工作", 长兴 2023) and a leaders' label ("(牵头领导:成坤、柯相国、王俊)", 郧阳 2023):
// people, no assignment of the heading's own.
const LEADER_LED = new RegExp(`(?:${unitGroups.leaderTitles.join("|")})(?:牵头|负责|分管|领衔)|[(（]?(?:牵头|责任|分管|包抓|联系)领导[:：][^)）\n]*[)）]?`, "g");
// An ongoing phrase opening a short heading ("三、持续推进产学研用深度融合") is the heading's theme, not a time frame of its own.
const HEADING_ONGOING = new RegExp(deadlineWords.ongoing.join("|"), "g");

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
    // Its own lines may be unnumbered sub-headings over its items ("(一)坚定不移做强增长引擎 / 加强基础设施建设 / 12.…").
    const subHeadings = n.children.length > 0 && n.own.every((l) => SUB_HEADING.test(l.trim()) && !hasOwnFacts(l));
    // A longer heading written as one phrase, no clause mark at all, over its items alone is still short
    // ("五、加强对超速、超员、超载和疲劳驾驶及非法营运“黑车”、超标电动自行车等违法行为的查处和整治", 上海 2012 客货运).
    const phrase = n.own.length === 0 && n.head.length <= PHRASE_MAX_CHARS && !/[，,；;：:。！？!?()（）]/.test(n.head);
    const headingOnly = subHeadings && !n.after?.length && (n.head.length <= GROUPING_MAX_CHARS || phrase) && !/[。；;！？!?](?=.)/.test(n.head) &&
      !DUTIES_LEAD_IN.test(n.head);
    // A heading whose paragraph only leads into its items ("（一）产业提升人才行动计划。围绕…，实施如下重点项目：", 广州 2012):
    // nothing of its own to do, it groups them.
    // So does a heading line over such a paragraph alone ("二、重点任务" / "…开展静安更新六大“卓越行动”：", 静安 2023).
    const leadsIn = n.children.length > 0 && !n.after?.length &&
      ((n.own.length === 0 && leadsInto(n.head, n.children.length)) ||
        (n.own.length === 1 && n.head.length <= GROUPING_MAX_CHARS && leadsInto(n.own[0], n.children.length) && !hasOwnFacts(n.own[0])));
    // A section row of a 任务分工表 ("一、主要经济社会发展指标…工作目标(牵头领导:…)", 郧阳 2023) groups its rows, however long.
    const tableSection = n.children.length > 0 && n.own.length === 0 && !n.after?.length && !n.row && n.children.every((c) => c.row);
    const ownHead = n.head.replace(LEADER_LED, "").replace(headingOnly ? HEADING_ONGOING : /$^/, "");
    const isGrouping = n.children.length > 0 && (headingOnly || leadsIn || tableSection) && !hasOwnFacts(ownHead);
    const isYearBlock = YEAR_BLOCK.test(n.head);
    const isPeriodBlock =
      headingOnly && n.own.length === 0 && PLAN_PERIOD.test(n.head) && !hasOwnFacts(n.head.replace(PLAN_PERIOD, ""));
    if (isGrouping || ((isYearBlock || isPeriodBlock) && n.children.length > 0 && n.own.length === 0)) {
      const ctx = n.head ? [...context, n.head.replace(/[。.]$/, "")] : context;
      for (const c of n.children) visit(c, ctx, isYearBlock || isPeriodBlock ? n.head : yearBlock);
      return;
    }
    out.push({
      path: n.path,
      title: leadSentence(n.row ? n.row.task.replace(/\n/g, "") : n.head),
      text: nodeLines(n, false).join("\n"),
      context,
      yearBlock,
      ...(n.row ? { row: n.row } : {}),
    });
  };
  for (const r of roots) visit(r, [], null);
  return out;
}
