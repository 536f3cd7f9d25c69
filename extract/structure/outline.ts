// Split repaired text into its numbered hierarchy (items, their own lines, the preamble and the closing part).
import { enclosureListHead } from "./enclosure-list.ts";
import { CLOSING_PROVISION, endsWithAssignment, isDateLine, parseAttachment, parseLabel, type Label } from "./labels.ts";
import { closingRequest, hasOwnText } from "./closing-request.ts";
import { CLOSING_MARK, isSignature } from "./closing-start.ts";
import { printedTitle } from "./printed-title.ts";
import { sectionHead } from "./section-head.ts";
import { rowText, tableHeader, tableRow, type Columns, type TableRow } from "./task-rows.ts";
import titleWords from "../data/title-words.json" with { type: "json" };

export type { TableRow } from "./task-rows.ts";

export interface OutlineNode {
  label: Label;
  row?: TableRow;
  path: string; // labels joined by "/"
  raw: string; // the head line as written, label included
  head: string; // the label's line without the label
  own: string[]; // the item's own lines after its head, before its first child
  children: OutlineNode[];
  after?: string[]; // its own lines after its children: an assignment closing the group ("（责任单位：…）")
}

export interface Outline {
  preamble: string;
  closing: string;
  roots: OutlineNode[];
}

// "附件：17个省级贫困县名单" after the last item (河北 2020 营养改善计划 提标扩面 实施方案, tests/data/unseen12c; "附件：普通高中招生
// 计划备案表", 河北 2024 招生入学, unseen11a): the notice's list of one enclosure, unnumbered, no clause: not the item's text.
const ONE_ENCLOSURE = /^附\s*件\s*[:：]\s*(?![\d１-９]{1,2}\s*[.、．])[^。；;，,：:]{2,80}$/;
// "6-1.…受理告知书" (上海 闵七府〔2020〕21号): a sub-numbered entry of one enclosure in a list of them.
const SUB_ENTRY = /^\s*(\d{1,2})-\d{1,2}[.．、]/;
/** A document's own title line: no clause, ending in a kind of plan ("…工作任务责任分解方案", "…实施意见"). */
// A plan period alone on its line under a title: "（2023-2025年）", "(2021—2023)".
const TITLE_PERIOD = /^[（(]\d{4}[-—–~～至]\d{4}年?[）)]$/;
const ENCLOSED_TITLE = new RegExp(`^[^，,；;：:。]{4,80}(${titleWords.enclosedTitle.join("|")})(（[^）]*）|\\([^)]*\\))?$`);
const ATTACHMENT_LIST = /^附\s*[件表]\s*[:：]\s*1\s*[.、．]\s*\S/;
// "第二部分：事前事中事后监管" (上海 闵浦府〔2021〕68号 浦江镇, tests/data/unseen14a: "第一部分：…" over 一–六, "第二部分：…" over (一)–(二),
// then 七 going on); "## 第二部分：语言的挑战——教机器阅读" over "### 2.1 …" (a tutorial on GitHub): a part heading, no label of the
// contract's list. It ends the items open before it; its own items are no children of the last one.
const PART_HEAD = /^第[一二三四五六七八九十]{1,3}部分\s*[:：\s][^。；;]{0,60}$/;

/** Parse the numbered outline. `printed`: the text as loaded, before repair (titles keep their printed forms). */
export function buildOutline(text: string, printed?: string): Outline {
  const lines = text.split("\n").filter((l) => l.trim().length > 0);
  const roots: OutlineNode[] = [];
  const preamble: string[] = [];
  const closing: string[] = [];
  let stack: OutlineNode[] = [];
  let prefix = ""; // attachment label
  let state: "preamble" | "body" | "closing" = "preamble";
  let last = null as OutlineNode | null; // set by addNode
  const seen = new Set<string>();
  const repeats = new Map<string, number>();
  const tail: string[] = []; // lines after a closing provision, until numbering resumes or the text ends
  let signed = false; // the closing part opened with a signature (an enclosed document may follow it)
  // The first item of an enclosed document: the first label of the wrapper's top level, restarting at 1, right
  // under a title line (no clause, ends like a document's name).
  // The title may be followed by up to two paragraphs of the enclosed document's preamble when it stands right under
  // the signature's date ("…2021年3月11日 / 河北省推动中小企业高质量发展若干措施 / 为贯彻落实…制定如下措施： / 一、…").
  const enclosedStart = (i: number): boolean => {
    const label = parseLabel(lines[i]);
    const top = roots[0]?.label;
    // or the enclosed document's task table: its header right under its title (国办函〔2016〕38号 "…2016年4月6日 /
    // (本文有删减) / 2016年《政府工作报告》量化指标任务分工 / 序号 工 作 任 务 牵头负责部门")
    const tableHead = lines[i].includes("\t") && tableHeader(lines[i].split("\t")) !== null;
    if (!tableHead && (!label || !top || label.type !== top.type || label.n !== 1)) return false;
    for (let k = 1; k <= 3 && i - k >= 0; k++) {
      const prev = lines[i - k];
      if (isDateLine(prev) || parseLabel(prev) || CLOSING_MARK.test(prev)) return false;
      if (ENCLOSED_TITLE.test(prev.replace(/[\s\u3000*#]+/g, ""))) return k === 1 || (i - k > 0 && isDateLine(lines[i - k - 1]));
    }
    return false;
  };

  // A second enclosed document printed after the body, with no signature between ("…（三）做好定期总结归纳。… / 全面推进城市综合
  // 交通体系建设任务分解表 / 序号 / … / 一、科学编制并实施城市综合交通体系规划", 沪交设养〔2024〕984号, tests/data/unseen13h): its title line,
  // up to two unnumbered paragraphs, then the top level's first label again. Where the line went (the last item's own lines or
  // the closing tail) is kept so that the title and its preamble can be taken back out.
  let docTitle: { title: string; since: number; own: number; tail: number } | null = null;
  // A task table under its own title after the body whose rows number from 1 with no section rows ("…（三）探索研究同城待遇
  // 政策。… / 长三角交通领域“一码通行”工作任务分工表 / （2023-2025年） / 序号 / … / 1 / …", 沪交科〔2023〕706号; "…推进任务分解表 / 序号 / … /
  // 1 / …", 沪交科〔2023〕775号, tests/data/unseen14d) is such a document too: its first row (`row`) restarts it, whatever its label's
  // kind; not under an 附件 label (the attachment's label is the segment).
  const newDocument = (label: Label, row = false): boolean => {
    const top = roots[0]?.label;
    if (!docTitle || !top || label.n !== 1 || roots[roots.length - 1].label.n < 2) return false;
    if (row ? prefix !== "" : label.type !== top.type) return false;
    const moved = [...(last ? last.own.splice(docTitle.own) : []), ...tail.splice(docTitle.tail)];
    closing.push(...tail.splice(0), ...moved);
    prefix = printedTitle(docTitle.title, printed);
    stack = [];
    last = null;
    bracketEnds = 0;
    docTitle = null;
    return true;
  };

  let attachList = 0; // the next entry number of an enclosure list ("附件:1.… / 2.…"), 0 outside one
  let table: Columns | null = null;
  let bracketEnds = 0; // item lines that end with an assignment bracket
  // Where items end with their assignment bracket ("…（国务院办公厅负责）", 3 or more such items), an unnumbered
  // paragraph after an item's bracket opens the closing part, unless numbering resumes after it (29's notice).
  const afterClosedItem = (line: string): boolean => {
    if (!last || bracketEnds < 3) return false;
    const prev = last.own.length > 0 ? last.own[last.own.length - 1] : last.raw;
    return endsWithAssignment(prev) && !endsWithAssignment(line);
  };
  // "1.完善应急预案体系 / (1)… / (4)… / （责任单位：市直各有关单位、…）": an assignment standing alone on the
  // line after a run of sub-items that have none of their own assigns their parent item, not the last sub-item.
  const groupAssignee = (line: string): OutlineNode | null => {
    const t = line.trim();
    if (!/^[(（〔]/.test(t) || !endsWithAssignment(t) || stack.length < 2 || stack[stack.length - 1] !== last) return null;
    const parent = stack[stack.length - 2];
    const kids = parent.children;
    if (kids.length < 2 || parent.own.length > 0 || parent.after?.length) return null;
    return kids.every((c) => c.own.length === 0 && c.children.length === 0 && !endsWithAssignment(c.raw)) ? parent : null;
  };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.includes("\t")) {
      const cells = line.split("\t");
      const header = tableHeader(cells);
      if (header) {
        if (state === "closing" && signed && enclosedStart(i)) restartEnclosed();
        table = header;
        if (state === "preamble") state = "body";
        continue;
      }
      const filled = cells.filter((c) => c.trim().length > 0);
      const seq = table ? (cells[table.get("seq")!] ?? "").trim() : "";
      if (table && /^\d{1,3}$/.test(seq) && state !== "closing") {
        const row = tableRow(cells, table);
        const label: Label = { type: "num", n: Number(seq), label: seq, rest: row.task };
        if (!last?.row) newDocument(label, true);
        addNode(label, line, row);
        continue;
      }
      if (table && last?.row && filled.length > 0 && cells.length > 1 && seq === "" && !parseLabel(filled[0])) {
        // A row split across pages: its cells continue the previous row's.
        const more = tableRow(cells, table);
        for (const k of Object.keys(more) as (keyof TableRow)[]) if (more[k]) last.row[k] = [last.row[k], more[k]].filter(Boolean).join("\n");
        continue;
      }
      if (filled.length === 1) line = filled[0].replace(/\v/g, ""); // a section row spanning the table
      else line = cells.join(" ").replace(/\v/g, "");
    } else if (table && !parseLabel(line)) {
      table = null; // the table ended
    }
    // "附件： / 1.…表 / 2.…表" closing the text (or over the signature): the notice's enclosures, no attachment (enclosure-list.ts)
    const enclosures = state === "body" && !!last && enclosureListHead(lines, i, (j) => isSignature(lines, j));
    const att = enclosures ? null : parseAttachment(line);
    if (att) {
      closing.push(...tail.splice(0));
      prefix = att;
      stack = [];
      last = null;
      state = "body";
      continue;
    }
    if (state === "body" && (CLOSING_MARK.test(line) || isSignature(lines, i))) {
      state = "closing";
      signed = !CLOSING_MARK.test(line) && prefix === "";
      closing.push(...tail.splice(0));
    }
    if (state === "closing" && signed && CLOSING_MARK.test(line)) signed = false;
    if (state === "closing" && signed && enclosedStart(i)) restartEnclosed();
    if (state === "closing") {
      closing.push(line);
      continue;
    }
    // "附件:1.县《政府工作报告》确定的…责任分解 / 2.市《政府工作报告》涉及…": the notice's list of its enclosures, whose
    // entries go on 2., 3. … with no clause of their own (嘉鱼 2021, 沙坪坝 2022): no items.
    const entry = attachList > 0 ? parseLabel(line) : null;
    // An entry may close with ；/。 ("附件：1、罗店镇市容环境管理领导小组； / 2、…成员单位职责分工； / 3、…每月考核表。", 上海 罗店镇 2020,
    // tests/data/unseen13a; "附件：1、电子数据提取固定清单，共1页； / 2、检材图2张，共1页；", an appraisal report generator on GitHub).
    if (entry && entry.type === "num" && entry.n === attachList && !/[。；;]/.test(line.replace(/[。；;]\s*$/, ""))) {
      attachList++;
      (state === "preamble" ? preamble : tail).push(line);
      continue;
    }
    // "5.…承诺书 / 6-1.…受理告知书 / 6-2.… / 6-3.… / 7.…" (上海 闵七府〔2020〕21号): sub-numbered entries of one enclosure go on
    // with the list.
    const sub = attachList > 0 ? SUB_ENTRY.exec(line) : null;
    if (sub && (Number(sub[1]) === attachList || Number(sub[1]) === attachList - 1) && !/[。；;]/.test(line)) {
      attachList = Number(sub[1]) + 1;
      (state === "preamble" ? preamble : tail).push(line);
      continue;
    }
    attachList = ATTACHMENT_LIST.test(line) ? 2 : enclosures ? 1 : 0;
    if ((attachList > 0 || ONE_ENCLOSURE.test(line)) && state === "body" && last) {
      tail.push(line);
      continue;
    }
    const label = parseLabel(line);
    if (!label && state === "body" && last && (PART_HEAD.test(line) || sectionHead(lines, i))) {
      last.own.push(...tail.splice(0));
      stack = [];
      last = null;
      continue;
    }
    if (!label) {
      const bare = line.replace(/[\s\u3000*#]+/g, "");
      if (docTitle && ++docTitle.since > 2) docTitle = null;
      // A title printed over two lines: a short second title line ("国际集装箱运输服务平台（集运MaaS）2023年重点工作方案" / "推进任务
      // 分解表") or its plan period alone ("…工作任务分工表" / "（2023-2025年）", unseen14d) goes on the title.
      if (docTitle && docTitle.since === 1 && (TITLE_PERIOD.test(bare) || (bare.length <= 12 && ENCLOSED_TITLE.test(bare)))) {
        docTitle.title += bare;
        docTitle.since = 0;
      } else if (state === "body" && last && roots.length > 0 && ENCLOSED_TITLE.test(bare) && !endsWithAssignment(line)) {
        docTitle = { title: bare, since: 0, own: last.own.length, tail: tail.length };
      }
      if (state === "preamble") preamble.push(line);
      else if (tail.length > 0 || (last && CLOSING_PROVISION.test(line) && !endsWithAssignment(line)) || afterClosedItem(line) ||
        (last && hasOwnText(last) && closingRequest(lines, i))) tail.push(line);
      else if (last) {
        const group = groupAssignee(line);
        if (group) (group.after ??= []).push(line);
        else last.own.push(line);
        if (endsWithAssignment(line)) bracketEnds++;
      }
      continue;
    }
    if (!newDocument(label)) docTitle = null;
    // Numbering goes on after a closing-like paragraph: it belonged to the item after all.
    if (last && tail.length > 0) last.own.push(...tail.splice(0));
    addNode(label, line);
    if (endsWithAssignment(line)) bracketEnds++;
  }
  closing.push(...tail);
  if (roots.length === 0) {
    // A document with no numbered items (a 批复, a 函): its signature and 版记 still close it.
    const k = preamble.findIndex((l, i) => i > 0 && (CLOSING_MARK.test(l) || isSignature(preamble, i)));
    if (k > 0) closing.unshift(...preamble.splice(k));
  }
  return { preamble: preamble.join("\n"), closing: closing.join("\n"), roots };

  // "…通知如下：一、… 二、… / 武汉市人民政府办公厅 / 2018年2月14日 / <title of the enclosed plan> / 一、…": the
  // numbered points were the notice wrapper's; the enclosed document's numbering starts again after the signature.
  function restartEnclosed() {
    preamble.push(...roots.flatMap((r) => nodeLines(r, true)), ...closing.splice(0));
    roots.length = 0;
    stack = [];
    last = null;
    seen.clear();
    repeats.clear();
    bracketEnds = 0;
    signed = false;
    state = "body";
  }

  function addNode(label: Label, line: string, row?: TableRow) {
    state = "body";
    // "第九条 利用要求 / 1.… / 6.… / 十、附则 / 1.…" (上海 闵吴府发〔2023〕15号 吴泾镇, tests/data/unseen13a); "第一条 合同标的 / 七、争议解决 /
    // … / 第八条 附则" (a contract-review tool's test on GitHub, drawn from real contracts that mix the two): a top-level label of
    // the other kind (一、 or 第N条) that continues the open top item's number is the next top item, not a new level under it
    const top = stack[0];
    if (top && !row && label.type !== top.label.type && TOP_KINDS.has(label.type) && TOP_KINDS.has(top.label.type) &&
      label.n === top.label.n + 1 && !stack.some((n) => n.label.type === label.type)) stack = [];
    // "…第二部分：… / (一)… / (二)… / 七、实施时间和使用期限" (浦江镇 2021): a label that continues the numbering of the last root of
    // its kind, where no item of that kind is open, is the next root (七 after 六, not a level under (二))
    const lastRoot = [...roots].reverse().find((r) => r.label.type === label.type);
    if (!row && lastRoot && lastRoot.label.n + 1 === label.n && !stack.some((n) => n.label.type === label.type)) stack = [];
    const level = findLevel(stack, label);
    if (level >= 0) stack = stack.slice(0, level); // a sibling of the open item at that level
    const parent = stack[stack.length - 1] ?? null;
    const parts = [...(parent ? [parent.path] : prefix ? [prefix] : []), label.label];
    const base = parts.join("/");
    let path = base;
    // Numbering that repeats: base#2, base#3 … (the next free suffix is remembered per base).
    for (let k = repeats.get(base) ?? 2; seen.has(path); k++) {
      path = `${base}#${k}`;
      repeats.set(base, k + 1);
    }
    seen.add(path);
    const node: OutlineNode = { label, path, raw: line, head: label.rest.trim(), own: [], children: [] };
    if (row) node.row = row;
    (parent ? parent.children : roots).push(node);
    stack.push(node);
    last = node;
  }
}

/** Label kinds that number a document's top level: 一、 items and 第N条 articles. */
const TOP_KINDS = new Set<Label["type"]>(["zh", "article"]);

/** Rank of a label kind in the usual hierarchy, highest first (一、 over (一) over 1. over (1) over ①). */
const RANK: Record<Label["type"], number> = { chapter: 0, section: 1, article: 2, zh: 3, zhParen: 4, num: 5, numParen: 6, circled: 7 };

/** Index in the stack of the open item this label continues (a sibling), or -1 for a new, deeper level. */
function findLevel(stack: OutlineNode[], label: Label): number {
  const same: number[] = [];
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].label.type === label.type) same.push(i);
  if (same.length === 0) return firstLeftOut(stack, label);
  // Prefer the level whose numbering this label continues; a "1" under an open "3" starts a nested list.
  const cont = same.find((i) => stack[i].label.n + 1 === label.n);
  if (cont !== undefined) return cont;
  if (label.n === 1 && stack[same[0]].label.n > 1 && same[0] === stack.length - 1) return -1;
  return same[0];
}

// "三、小型建设工程过程管理 / 1、… / 5、… / (二)项目信息报送管理 / 1、…" (上海 奉金府〔2019〕9号 金汇镇, tests/data/unseen14a: the
// "(一)" over 1、–5、 left out); "3.… / 实施路径:(1)… / ①… / ④… / (2)建立尽职免责机制。" (绵阳 2022 金融十条, corpus/: the (1) run
// into a field line): a label of a kind no open item has, numbered 2 or more, cannot open a new list; where it ranks above an
// open item whose parent ranks above it, it is that item's sibling (三/(二), not 三/5/(二)).
function firstLeftOut(stack: OutlineNode[], label: Label): number {
  if (label.n < 2) return -1;
  const i = stack.findIndex((n) => RANK[n.label.type] > RANK[label.type]);
  return i > 0 && RANK[stack[i - 1].label.type] < RANK[label.type] ? i : -1;
}

/** The item's text: its head (without its own label), own lines, and its children's lines as written. */
export function nodeLines(n: OutlineNode, withLabel: boolean): string[] {
  const head = n.row ? rowText(n.row) : withLabel ? n.raw : n.head;
  return [head, ...n.own, ...n.children.flatMap((c) => nodeLines(c, true)), ...(n.after ?? [])].filter((l) => l.length > 0);
}
