// The bodies named on either side of a role word in prose: the list before it (its subject: "X、Y负责"), the list after
// 会同/配合 (its object), and the body opening the sentence that a bare 会同 continues. Read by prose.ts.
import type { Known } from "../unit-canonical.ts";
import { cleanItem, CLOSE, OPEN, proseBody, splitList, TIER, TIERS_HEAD } from "../unit-clauses.ts";
import { FORWARD_STOP, LEADING_VERBS, LINE_LABEL, maskDuiInNames, verbPhrase } from "./patterns.ts";
import groups from "../../data/unit-groups.json" with { type: "json" };
import { NOT_CITY_TAILS, isParty } from "../unit-aliases.ts";
import { literalAlternation } from "../../regex.ts";

const HARD_STOP = new Set([..."。；;：:！!？?\n，,“”\"《》【】「」[]"]);
// "居民委员会可以牵头组织业主重新组建筹备组" (上海 沪府办发〔2009〕51号 四/(二)); "县级以上公安机关可以会同有关部门开展…联合执法"
// (a public regulation on GitHub): a modal (可以/可 as 要/应) between the body and its role word.
// 仍/继续 and 全力 stand there too: "杨浦城投集团仍应继续配合区建设管理委（区水务局）开展既定各项任务" (杨浦 杨府发〔2025〕9号 三/(一)/6),
// "区建管委（区水务局）全力配合上海城投集团推进感知体系…建设" (黄浦 2025 排水 二/(三)/3, both tests/data/unseen14h).
const TAIL_MODAL = /(?:仍|还)?(?:要|应|须|需|将|均|都|可以|可)?(?:继续)?(?:积极|主动|共同|分别|分头|具体|各自|统一|全面|认真|切实|主要|全力)?$/;
const TAIL_ADVERB = new RegExp(String.raw`(?:等(?:有关|相关)?(?:单位|部门|机构)?)?${TAIL_MODAL.source}`);
// TAIL_MODAL (TAIL_ADVERB without the summing 等…部门): what stands between functions sharing one 部门 and the role word.
// a sub-item's label run in at the start of its line: "1.", "2．", "①"
const RUN_IN_LABEL = /^(?:\d{1,2}[.．](?!\d)|[①-⑳])/;
const STRONG_MARKER = /(?<!自)由|请|要求|建议|同时|并|将|把|是/g;
// "建立省级行政执法部门牵头统筹，各级行政执法部门协同落实的…培训机制" (河北 2023 行政执法), "建立省级政府办公厅牵头、省级有关部门
// 参与的工作机制" (国办发〔2018〕117号): a list after a set-up verb describes the mechanism, not who does the task.
const MECHANISM = new RegExp(literalAlternation(groups.mechanismVerbs));
const MECHANISM_BY = new RegExp(`(?:${literalAlternation(groups.mechanismVerbs)})由`);
// "督促/指导/支持X负责…": X is the party directed (directingVerbs), not the subject of 负责.
const DIRECTING = new RegExp(`(?:${literalAlternation(groups.directingVerbs)})$`);

// "有关省、自治区、直辖市及军区也要相应指定有关部门负责管理" (国办发〔1996〕25号 一, unseen15h2), "指定专门部门及人员负责对接" (绵阳 2022):
// a department the subject is to assign (assignVerbs), a generic group included, is no body named
const ASSIGNED = new RegExp(`(?:${literalAlternation(groups.assignVerbs)})(?:专门|专责|相应)?(?:各)?(?:有关|相关|专门)?(?:部门|机构|单位)$`);

/** The unit at the end of a text chunk, with leading words ("…机制由", "鼓励") cut off. */
function trimLeading(s: string, known: Known): string {
  if (ASSIGNED.test(s)) return "";
  for (let i = 0; i < s.length - 1; i++) if (known.set.has(s.slice(i))) return s.slice(i);
  let cut = 0;
  STRONG_MARKER.lastIndex = 0;
  for (let m; (m = STRONG_MARKER.exec(s)); ) cut = m.index + m[0].length;
  const rest = s.slice(cut);
  // "督促小区物业公司负责设置…" (吴泾镇 建筑垃圾治理 二/(四)): the object of a directing verb is the party directed, no unit.
  const lead = LEADING_VERBS.exec(rest);
  if (lead && DIRECTING.test(lead[0])) return "";
  return rest.replace(LEADING_VERBS, "");
}

/** Units listed right before position k (the keyword). */
export function unitsBefore(t: string, k: number, known: Known): string[] {
  let i = k - 1;
  const stop = Math.max(0, k - 80);
  while (i >= stop) {
    const c = t[i];
    if (CLOSE.has(c)) {
      // keep a short parenthesis inside a name (各县(区)政府), or a body's second plate
      // ("由省工业和信息化厅（省减轻企业负担领导小组办公室）、省统计局负责", 河北 冀减负〔2015〕1号)
      let o = i - 1;
      while (o >= i - 24 && o >= 0 && !OPEN.has(t[o]) && !CLOSE.has(t[o])) o--;
      if (o < 0 || !OPEN.has(t[o]) || (i - o > 11 && !proseBody(t.slice(o + 1, i)))) break;
      // an item's run-in label is no part of a name ("（一）省发展改革委工业局牵头，…", 河北 2006 发展运行意见)
      if (/^[一二三四五六七八九十\d]{1,3}$/.test(t.slice(o + 1, i))) break;
      i = o - 1;
      continue;
    }
    if (OPEN.has(c) || HARD_STOP.has(c)) break;
    i--;
  }
  // "…分级管理。\n1.县级教育行政部门和语言文字工作部门负责…" (河北 2018 学校语言文字 附件/二, unseen13h2): a sub-item's run-in label
  // opening the line inside a measure is no part of the subject after it
  // A duty line under a body's heading opens with its verb, the body elided: "主要履行以下职责：…3.组织居委会配合物业服务企业做好…"
  // (虹口 虹府规〔2022〕3号 三/(七), unseen12b): the body after that verb is its object, no subject.
  const raw = t.slice(i + 1, k);
  const labelled = (i < 0 || t[i] === "\n") && RUN_IN_LABEL.test(raw);
  if (labelled && LEADING_VERBS.test(raw.replace(RUN_IN_LABEL, ""))) return [];
  const subject = labelled ? raw.replace(RUN_IN_LABEL, "") : raw;
  const shared = subjectDepartments(subject.replace(TAIL_MODAL, ""));
  if (shared) return [shared];
  const seg = subject.replace(TAIL_ADVERB, "");
  if (!seg) return [];
  const items = splitList(seg);
  const out: string[] = [];
  for (let j = items.length - 1; j >= 0; j--) {
    const it = cleanItem(items[j]);
    if (!it) break;
    const name = trimLeading(it.name, known);
    if (MECHANISM.test(name)) return [];
    // …also with 由 between the verb and the list: "建立由区规划资源局、区农业农村委牵头，…等部门为主要成员的试点工作专班" (上海 沪崇府办发〔2023〕
    // 16号 崇明 二/(三), unseen14c); "在市、县两级建立由政府统一领导，教育、…、妇联等部门共同参与的联席会议制度" (河北 2019 中小学生减负, unseen11h)
    if (MECHANISM_BY.test(it.name)) return [];
    // "加强对企业事业单位参与保卫管理员培训工作的监督指导" (河北 冀公治〔2024〕450号 七/(四)): the object of 对 is no subject of 参与
    if (maskDuiInNames(name).startsWith("对")) break;
    // "笔试由省、市两级教育行政部门共同组织实施": a tier before "市两级…" belongs to the same group (splitList's tiers)
    if (TIER.test(name) && out.length > 0 && TIERS_HEAD.test(out[0])) {
      out[0] = `${name}、${out[0]}`;
      if (name !== it.name) break;
      continue;
    }
    if (!proseBody(name)) break;
    out.unshift(name);
    if (name !== it.name) break; // words before it: the list starts here
  }
  // "区水务局、区财政局、区建管委与各镇人民政府、街道办事处，嘉定工业区、菊园新区管委会…共同负责实施" (嘉定 2025 河湖泵闸 三, its 主送
  // "各镇、街道，嘉定工业区、菊园新区"): a list of bodies may be broken by a comma; the clause before it, where it holds nothing but
  // bodies' names, belongs to the list
  if (out.length === items.length && out.length > 0 && out[0] === cleanItem(items[0])?.name && /^[，,]$/.test(t[i] ?? "")) {
    const before = namesOnlyClause(t, i);
    if (before) return [...before, ...out];
  }
  return out;
}

/** The bodies' names (two or more) of the clause ending at the comma at i when it holds nothing else; else null. */
function namesOnlyClause(t: string, i: number): string[] | null {
  let s = i - 1;
  while (s >= 0 && !/[。；;：:！？!?\n，,]/.test(t[s])) s--;
  // (an item's label opening the line is none of it: "（4）各镇人民政府、街道办事处，嘉定工业区、菊园新区管委会按照职责权限，负责…")
  const names = splitList(t.slice(s + 1, i).replace(new RegExp(`^${LINE_LABEL}`), "")).map((x) => cleanItem(x)?.name ?? "");
  // (a list, two names at least: "委员会下设镇…办公室，办公室设在…，具体负责…" (崇明 向化镇 2024 二) is one clause of its own)
  return names.length > 1 && names.every((n) => proseBody(n) && !verbPhrase(n) && !LEADING_VERBS.test(n)) ? names : null;
}

/** The unit at the start of a chunk ("市金融工作局加快修订…" → 市金融工作局). */
function headName(s: string, known: Known): string | null {
  for (let i = s.length; i >= 2; i--) if (known.set.has(s.slice(0, i))) return s.slice(0, i);
  // 对 inside a body's name stops nothing ("会同市应对气候变化领导小组办公室推进…", "会同市对口支援办公室…").
  const stop = FORWARD_STOP.exec(maskDuiInNames(s));
  const region = s.slice(0, Math.min(stop ? stop.index : s.length, 25));
  for (let i = region.length; i >= 2; i--) {
    const cand = region.slice(0, i);
    if (proseBody(cand)) return cand;
  }
  return null;
}

// "会同财政、发展改革、农业农村、卫生健康、市场监管等部门，…" (河北 2020 营养改善计划 六/(四), unseen12c); "公安部门要会同城管执法、交通等
// 部门开展…" (上海 2024 建筑垃圾 三/(二), unseen12b): functions sharing one 部门 are one unit, as written. A longer head after 等
// ("…、工信等行业主管部门", unseen11c) stays a summing tail.
// One stem before 等部门 is such a list too: "食品安全监管部门要会同教育等部门与学校…签订食品安全责任书" (河北 冀教财〔2017〕7号 五/(三), unseen13h2).
const SHARED_DEPT = /^((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6}?)(等?部门)|^([\u4e00-\u9fff]{2,6}?)(等部门)/;
function sharedDepartments(s: string): string | null {
  const m = SHARED_DEPT.exec(s);
  if (!m) return null;
  const stems = (m[1] ?? m[3]).split("、");
  const plain = (x: string) => !proseBody(x) && !/^(?:各|有关|相关)|[省市县区州盟旗]$/.test(x);
  return stems.every(plain) && m[0].length <= 25 ? m[0] : null;
}

// The same as the subject of a clause, the whole stretch before the role word: "生态环境、绿化市容、城管执法部门要会同建设主管部门
// 加强…" (上海 2024 建筑垃圾 三/(四), unseen12b); "发展改革、住房城乡建设管理、交通、水务、海洋、绿化、民防、应急等部门根据各自职责，负责对
// 应急抢险救灾工程的监管" (上海 沪府办规〔2021〕16号 应急抢险救灾工程 第七条). Bounded by the clause, a function may be longer.
const TIER_FIRST = new RegExp(`^[省市县区州盟旗](?!${NOT_CITY_TAILS})`);
// The head may be 部门和单位, as in "国务院相关部门和单位" (dev-gold 37) and "…市场监管总局等部门和单位按职责分工负责" (国办函〔2023〕7号,
// unseen9c): "对非诉执行案件，环境保护、工商、供水、供电等部门和单位要配合人民法院落实强制措施" (国办发〔2014〕56号 (七), unseen15a).
const SUBJECT_DEPTS = /^(?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,8}?等?部门(?:和单位)?$/;
function subjectDepartments(seg: string): string | null {
  if (!SUBJECT_DEPTS.test(seg) || seg.length > 40) return null;
  const stems = seg.replace(/等?部门(?:和单位)?$/, "").split("、");
  const plain = (x: string) => !proseBody(x) && !/^(?:各|有关|相关)|[省市县区州盟旗]$/.test(x);
  // a tier before the first ("省工商、质监、卫生等部门配合", 河北 2004 食品放心工程 四, unseen9d) keeps the older reading: no unit
  return stems.every(plain) && !TIER_FIRST.test(stems[0]) ? seg : null;
}

/** Units listed right after position e (after 会同). */
export function unitsAfter(t: string, e: number, known: Known): string[] {
  const shared = sharedDepartments(t.slice(e, e + 40));
  if (shared) return [shared];
  let i = e;
  const stop = Math.min(t.length, e + 80);
  while (i < stop) {
    const c = t[i];
    if (OPEN.has(c)) {
      let o = i + 1;
      while (o <= i + 10 && o < t.length && !OPEN.has(t[o]) && !CLOSE.has(t[o])) o++;
      if (o >= t.length || !CLOSE.has(t[o])) break;
      i = o + 1;
      continue;
    }
    if (CLOSE.has(c) || HARD_STOP.has(c)) break;
    i++;
  }
  const items = splitList(t.slice(e, i));
  const out: string[] = [];
  for (let j = 0; j < items.length; j++) {
    const it = cleanItem(items[j]);
    if (!it) break;
    // a party in the list drops out and the list goes on ("市交通委会同建设单位、市交通建管中心、各区交通主管部门、工程可行性研究编制单位、
    // 专业技术单位等就…征询…意见", 沪交建〔2024〕691号 三/(三), unseen13h; 运营单位, unseen7c)
    if (j < items.length - 1 && isParty(it.name)) continue;
    // …and a party followed by the clause's verb ends it ("…、专业技术单位等就要素保障章节征询主管部门或权属单位意见": 或 splits no list there)
    const stopAt = FORWARD_STOP.exec(maskDuiInNames(it.name))?.index ?? -1;
    if (stopAt > 0 && isParty(it.name.slice(0, stopAt))) break;
    if (j < items.length - 1 && proseBody(it.name)) {
      // a verb right after a body's name ends the list there ("会同人社部门积极推动各行业主管部门、集团公司…": 人社部门)
      const h = headName(it.name, known);
      if (h && h !== it.name && FORWARD_STOP.exec(it.name.slice(h.length))?.index === 0) {
        out.push(h);
        break;
      }
      out.push(it.name);
      continue;
    }
    const h = headName(it.name, known);
    if (h) out.push(h);
    break;
  }
  return out;
}

// "发挥牵头作用", "发挥好牵头抓总作用": the body's own leading role named as a noun right after 发挥 (roleNouns in unit-groups.json);
// a mechanism's ("要充分发挥“双减”工作协调机制牵头作用，加强统筹协调，会同相关部门…", corpus-extra 35 五/(二), labelled none) is not
const ROLE_NOUNS = new RegExp(`发挥好?(?:${literalAlternation(groups.roleNouns)})`, "g");

const SENTENCE_OPENER = new RegExp(`^(?:${literalAlternation(groups.sentenceOpeners)}|\\d{4}年(?:\\d{1,2}月)?)[，,]`);

/** The body opening the sentence that position k (a bare 会同 right after a comma or ；) continues, if no other role word lies between. */
// 并 may stand between: "财政部门要按规定足额安排…，并会同教育部门加强资金监管" (河北 2020 营养改善计划 六/(二), unseen12c); "公安机关要对…依法
// 追究法律责任，并会同行业主管部门，加强…" (河北 冀公治〔2024〕450号 七/(四), unseen11c).
// Two bodies joined by 和/及 open it as one subject: "区公安分局和区公安消防支队列出…清单，会同区发展改革委、区市场监管局等部门将…"
// (上海 沪崇府办发〔2017〕39号 崇明 六/(三)/2, unseen13b): both lead (split as any list is, 和 after a body's ending).
// After ； the sentence goes on from its start (。): "2024年，建设部门会同各级规划、…等有关部门开展…；会同有关部门分行业全面排查…"
// (上海 静建管委〔2024〕10号 静安 治本攻坚 三/(八), unseen14h2); "下一步，农业农村部将持续优化兽药审批服务，研究完善…准入制度；会同有关部门
// 加强动物诊疗活动监管" (农业农村部's reply quoted on a public page, GitHub): a time phrase and its comma opening the sentence
// (`sentenceOpeners` in unit-groups.json, or a year) are read over, and the subject's own 会同 right after it may stand between.
export function sentenceSubject(t: string, k: number, known: Known): string[] {
  const semicolon = /[；;]$/.test(t.slice(0, k));
  if (!semicolon && !/[，,]并?$/.test(t.slice(0, k))) return [];
  let s = k - 1;
  while (s > 0 && !(semicolon ? /[。！？!?\n]/ : /[。；;！？!?\n]/).test(t[s - 1])) s--;
  // (a role noun is no role word: "市场监管总局要发挥牵头作用，加强统筹协调，会同各有关部门共同推进各项工作", 国发〔2019〕5号 四/(一), unseen15h2)
  const whole = t.slice(s, k).replace(ROLE_NOUNS, "");
  const chunk = semicolon ? whole.replace(SENTENCE_OPENER, "") : whole;
  // (after ；, the name before the subject's own 会同: "建设部门", not "建设部门会")
  const own = semicolon ? /(?:要|应|将)?会同/.exec(chunk) : null;
  const name = headName(own ? chunk.slice(0, own.index) : chunk, known);
  const rest = own ? chunk.slice(own.index + own[0].length) : chunk;
  if (/会同|牵头|负责|配合|协助|参与|参加/.test(rest)) return [];
  if (!name || !proseBody(name)) return [];
  const parts = splitList(name).map((x) => cleanItem(x)?.name ?? "");
  return parts.length > 1 && parts.every((x) => proseBody(x)) ? parts : [name];
}
