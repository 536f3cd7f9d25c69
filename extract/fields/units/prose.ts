// Prose: "X牵头", "由X牵头", "X会同Y", "由X负责", "X按职责分工负责", "X等配合", and duties listed under
// a unit's name ("市工业和信息化局：负责…"). Used only when a measure has no label or bracket form.
import type { Known } from "../unit-canonical.ts";
import { cleanItem, CLOSE, OPEN, proseBody, splitList, TIER, TIERS_HEAD, type Hit, type Role } from "../unit-clauses.ts";
import { FORWARD_STOP, LEADING_VERBS, NUMBERING_START, maskDuiInNames, verbPhrase } from "./patterns.ts";
import { NAME_ENDS, namesOnlyLine } from "./name-line.ts";
import groups from "../../data/unit-groups.json" with { type: "json" };
import { NOT_CITY_TAILS, isBody, isParty } from "../unit-aliases.ts";

// "由县教育局组织实施" (永… 2005 农村劳动力素质培训工程 实施意见; 河北 2024 特岗计划 "由设岗县教育局组织实施"): X组织实施/组织落实
// reads as X负责, as in a bracket (江苏 苏政办发〔2025〕45号).
const PROSE_RE = /作?为总?牵头(?:单位|部门)|作?为(?:责任|配合)(?:单位|部门)|会同|按(?:照)?(?:职责|职能)(?:分工)?(?:分别)?负责|负责|组织(?:实施|落实)|牵头|配合|协助|共同参与|参与(?!单位|部门)|参加/g;
// An item's own label before its first words: "（一）", "1." (regex source).
const ITEM_LABEL = String.raw`(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])?`;
// "市工业和信息化局：负责…" — duties listed under a unit's name.
// The head may be a body with its second plate, or several bodies listed with 、, over duties opening with 按照/根据:
// "区经委（商务委）：负责指导、监督…", "各镇政府、街道（开发区）办事处、头桥集团：按照区规划要求，制定本区域…规划" (上海 沪奉府办发〔2022〕090号
// 奉贤 五、职责分工, unseen13b).
const DUTY_HEAD = new RegExp(
  String.raw`(?:^|[\n。；;])${ITEM_LABEL}((?:[^\n。；;：:，,()（）]|[(（][^()（）\n]{1,10}[)）]){2,40})[:：](?=负责|牵头|承担|统筹|会同|指导|组织|做好|配合|协助|按照|根据)`,
  "g",
);
// 工作 + a verb + a set-up head closing a head's name: "工作推进专班", "大数据工作推进小组" (a name, not a verb phrase)
const WORK_TEAM = /工作(?:推进|协调|领导)(?:专班|小组|工作组|办公室)$/;
// "省住建厅主要职责为：配合牵头部门制定…" (河北 冀人社字〔2024〕108号 二/(二)): the duties follow the unit's name and 主要职责为/职责是.
const DUTY_TITLE = new RegExp(String.raw`(?:^|[\n。；;])${ITEM_LABEL}(?:(?:牵头|配合|责任)(?:部门|单位)(?:主要)?职责)?([^\n。；;：:，,()（）]{2,25}?)的?(?:(?:主要)?职责(?:为|是)?|(?:主要)?履行(?:以下|如下)职责)[:：]`, "g");
// a 职责分工 item headed by the role its units play: "（一）牵头部门职责省人社厅主要职责为：…", "（二）配合部门职责…"
const ROLE_TITLE = new RegExp(String.raw`^${ITEM_LABEL}(牵头|配合|责任)(?:部门|单位)(?:主要)?职责`);
// "（一）公安机关。会同人社部门遴选…" (河北 冀公治〔2024〕450号 四、职责分工): an item whose title is only a unit's name.
// Only a government body or a class of them (nameTitleEndings: …局, …部门, …机关), no verb: "加强前瞻谋划部署。", "成立工作专班。"
// are tasks.
// Several bodies listed with 、, a name closed by its second plate: "（四）区商务委、区城管执法局、外滩投资集团。按照…", "（一）区建管委
// （区水务局）。负责…" (黄浦 2025 排水 三、职责分工, tests/data/unseen14h), as a duty colon takes them ("各镇政府、街道（开发区）办事处、
// 头桥集团：按照…", 奉贤 沪奉府办发〔2022〕090号 五, unseen13b).
const NAME_TITLE = new RegExp(String.raw`^${ITEM_LABEL}((?:[^\n。；;：:，,()（）]|[(（][^()（）\n]{2,12}[)）]){3,28})。(?=\S)`);
// A numbered line holding only bodies' names heads their duties below it (name-line.ts, shared with repair). The label is
// required; the measure's own first line has lost its label (the item's title); a later line keeps it.
const LINE_LABEL = String.raw`(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])`;
const NAME_LINE = new RegExp(String.raw`(?:^${LINE_LABEL}?|\n${LINE_LABEL})([^\n。；;：:，,]{2,40})(?=\n\S)`, "g");
const HARD_STOP = new Set([..."。；;：:！!？?\n，,“”\"《》【】「」[]"]);
const TERMINAL = /[。；;：:！!？?）)”》」』…]$/;
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
const MECHANISM = new RegExp(groups.mechanismVerbs.join("|"));
const MECHANISM_BY = new RegExp(`(?:${groups.mechanismVerbs.join("|")})由`);
// "督促/指导/支持X负责…": X is the party directed (directingVerbs), not the subject of 负责.
const DIRECTING = new RegExp(`(?:${groups.directingVerbs.join("|")})$`);
// a 牵头 opening a clause with no subject ("。负责牵头落实…", "。牵头召集…"), not 牵头单位/牵头部门/牵头领导
const SUBJECTLESS_LEAD = /(?:^|[。；;，,])(?:具体|主要)?(?:负责)?牵头(?!单位|部门|领导|人)/;
// "领导小组办公室设在市经济和信息化委，会同有关单位…": the office is the subject; where it sits is no unit.
const SEATED_AT = /((?:办公室|办|专班|工作组|小组))设在[^\n。；;，,]{2,30}[，,]/g;
// "各地区、各有关部门根据有关规定，负责指导…": an adverbial phrase between the subject and its 负责/牵头.
const ADVERBIAL = /(?:根据|按照|依照|依据)[^\n。；;，,]{1,20}[，,](?=(?:具体|分别)?(?:负责|牵头))/g;
// "各区交通主管部门和市港航中心在核查工作中应会同海事管理机构…" (上海 沪交港〔2023〕129号 一/(一)/4/(5), unseen13h); "市交通委在各建设单位
// 和市交通建管中心初步制定…的要素平衡方案基础上，牵头组织…" (上海 沪交建〔2024〕691号 二, unseen13h): a 在-phrase of the occasion or the
// basis (…中, …过程中, …基础上) between the subject and its role word; the bodies inside it do nothing.
const AT_PHRASE = /在[^\n。；;，,在]{1,40}?(?:过程中|中|期间|基础上)[，,]?(?=(?:要|应|须)?(?:具体|分别|主动)?(?:负责|牵头|会同))/g;
// "各区交通主管部门或其委托的航运管理机构负责本辖区…核查工作" (沪交港〔2023〕129号 二, unseen13h); "各省、自治区、直辖市无线电管理机构
// 或其委托的机构负责组织对…验证" (《业余无线电台管理办法》, quoted on a public page): an alternative named by the pronoun 其 (whoever the
// body entrusts) names no body of its own: the body before it is the subject.
const DELEGATE = /或(?:者)?其委托的[^\n。；;，,、]{1,20}?(?=(?:要|应)?(?:具体|分别)?(?:负责|牵头|会同))/g;
// "区绿化市容局是本区建筑垃圾处理的主管部门，负责…" (虹口 虹府规〔2022〕3号); "吉尔吉斯斯坦交通与通信部是国家交通运输和通信行业的主管部门，
// 负责制定…" (an organisation profile on GitHub): the 是-clause naming what the body is stands between it and its 负责.
// Also written 为/作为: "镇规建办为限额以下工程项目管理的主管部门，负责…" (上海 闵七府〔2020〕21号 五/1); "日本经济产业省（METI）作为日本出口
// 管制相关事务的主管部门，负责…" (a public page); "X为(总)牵头单位/责任单位/配合单位" keep their own reading.
// So is "X是…的(直接)责任主体，负责…": "各乡镇政府是此项工作的直接责任主体，负责会同区有关部门具体实施" (上海 沪崇府办发〔2017〕39号
// 崇明 二, unseen13b); "长辛店镇人民政府是“…项目”（以下简称本项目）的责任主体，负责指导、协调本项目全面工作" (a 腾退 notice on GitHub).
const IS_ROLE = /(?:是|作为|为(?!总?牵头|责任|配合))[^\n。；;，,]{2,40}?(?:部门|机关|机构|主体)[，,](?=(?:主要)?(?:负责|履行))/g;

// "镇招投标工作小组受镇领导小组委托负责招标投标过程的监管" (上海 奉金府〔2019〕9号 金汇镇 三/(三)/2, tests/data/unseen14a); "执行方：多家
// 采集公司（受政府委托，负责道路病害的实地采集、信息上报）" (a road-survey project's brief on GitHub): who entrusts the task does nothing;
// the body before 受 is the subject of 负责.
const ENTRUSTED = /受[^\n。；;，,受]{1,20}?委托[，,]?(?=(?:要|应)?(?:具体|分别)?(?:负责|牵头|会同))/g;

// "上海城投集团2026年起负责杨浦区涉及改革移交的…防汛防台工作" (杨浦 杨府发〔2025〕9号 三/(二)/1, tests/data/unseen14h); "公司…自2021年起负责
// 承建与运营杭州市人工智能计算中心" (a prospectus on GitHub): the year from which the body acts stands between it and its 负责.
const FROM_YEAR = /自?\d{4}年(?:\d{1,2}月)?(?:起|开始)[，,]?(?=(?:要|应)?(?:具体|分别)?(?:负责|牵头|会同))/g;
// "原则按照市水务局牵头制定的一体化运维管理绩效考核办法" (杨浦 2025 排水 三/(三)/2, unseen14h); "智合标准中心牵头制定的《人工智能软硬件数据
// 跨境合规指南》已完成专家论证" (a page on GitHub): 牵头 + a making verb + 的 describes a thing by who made it, no one's role in the task.
const MADE_BY = new RegExp(`^(?:${groups.madeByVerbs.join("|")})的`);

/** Measure text for prose: spaces out, lines broken inside a sentence joined, paragraph breaks kept. */
function proseText(text: string): string {
  let out = "";
  let prev = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+/g, "");
    if (!line) continue;
    if (out && !(prev.length >= 20 && !TERMINAL.test(prev) && !NUMBERING_START.test(line))) out += "\n";
    out += line;
    prev = line;
  }
  return out.replace(SEATED_AT, "$1").replace(ADVERBIAL, "").replace(AT_PHRASE, "").replace(DELEGATE, "").replace(IS_ROLE, "").replace(ENTRUSTED, "").replace(FROM_YEAR, "");
}

/** The unit at the end of a text chunk, with leading words ("…机制由", "鼓励") cut off. */
function trimLeading(s: string, known: Known): string {
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
function unitsBefore(t: string, k: number, known: Known): string[] {
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
const SUBJECT_DEPTS = /^(?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,8}?等?部门$/;
function subjectDepartments(seg: string): string | null {
  if (!SUBJECT_DEPTS.test(seg) || seg.length > 40) return null;
  const stems = seg.replace(/等?部门$/, "").split("、");
  const plain = (x: string) => !proseBody(x) && !/^(?:各|有关|相关)|[省市县区州盟旗]$/.test(x);
  // a tier before the first ("省工商、质监、卫生等部门配合", 河北 2004 食品放心工程 四, unseen9d) keeps the older reading: no unit
  return stems.every(plain) && !TIER_FIRST.test(stems[0]) ? seg : null;
}

/** Units listed right after position e (after 会同). */
function unitsAfter(t: string, e: number, known: Known): string[] {
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

/** Do the bodies `helped`, read after position e, end right before a verb ("配合区政府做好…", "配合市水务局、市财政局研究…")? */
function helpedBeforeVerb(t: string, e: number, helped: string[]): boolean {
  if (helped.length === 0) return false;
  const last = helped[helped.length - 1];
  const at = t.indexOf(last, e);
  return at >= 0 && at - e <= 60 && FORWARD_STOP.exec(maskDuiInNames(t.slice(at + last.length, at + last.length + 6)))?.index === 0;
}

/** The body opening the sentence that position k (a bare 会同 right after a comma) continues, if no other role word lies between. */
// 并 may stand between: "财政部门要按规定足额安排…，并会同教育部门加强资金监管" (河北 2020 营养改善计划 六/(二), unseen12c); "公安机关要对…依法
// 追究法律责任，并会同行业主管部门，加强…" (河北 冀公治〔2024〕450号 七/(四), unseen11c).
// Two bodies joined by 和/及 open it as one subject: "区公安分局和区公安消防支队列出…清单，会同区发展改革委、区市场监管局等部门将…"
// (上海 沪崇府办发〔2017〕39号 崇明 六/(三)/2, unseen13b): both lead (split as any list is, 和 after a body's ending).
function sentenceSubject(t: string, k: number, known: Known): string[] {
  if (!/[，,]并?$/.test(t.slice(0, k))) return [];
  let s = k - 1;
  while (s > 0 && !/[。；;！？!?\n]/.test(t[s - 1])) s--;
  const chunk = t.slice(s, k);
  if (/会同|牵头|负责|配合|协助|参与|参加/.test(chunk)) return [];
  const name = headName(chunk, known);
  if (!name || !proseBody(name)) return [];
  const parts = splitList(name).map((x) => cleanItem(x)?.name ?? "");
  return parts.length > 1 && parts.every((x) => proseBody(x)) ? parts : [name];
}

/** Is position k inside a “…” quote (more “ than ” before it on its line)? */
function inQuote(t: string, k: number): boolean {
  const line = t.slice(t.lastIndexOf("\n", k - 1) + 1, k);
  return (line.match(/“/g)?.length ?? 0) > (line.match(/”/g)?.length ?? 0);
}

/**
 * The bodies an item under a duties heading is titled by: its first line holding only their names ("区建设管理委（区水务局）" over
 * "负责制定…", 静安 2025 排水 四/(一)) or "X。" opening it ("（三）上海城投集团。负责…", 上海 沪府〔2025〕24号 三).
 */
function itemBodies(text: string): string[] {
  const first = text.split("\n").map((l) => l.replace(/\s+/g, "")).find(Boolean) ?? "";
  const line = namesOnlyLine(first, true);
  if (line) return line;
  const m = NAME_TITLE.exec(first);
  return m ? titleBodies(m[1], true) : [];
}

/** The bodies an item's "X。" title names: a body (`anyBody`: any body's ending, under a duties heading), or several listed with 、
 * or closed by their second plate, each a body (namesOnlyLine), never the list as one name. */
function titleBodies(title: string, anyBody: boolean): string[] {
  if (/[、(（]/.test(title)) return namesOnlyLine(title, anyBody) ?? [];
  return (NAME_ENDS.test(title) || (anyBody && isBody(title))) && !verbPhrase(title) ? [title] : [];
}

export function proseHits(text: string, known: Known, dutyItems = false): Hit[] {
  const t = proseText(text);
  const titledBy = dutyItems ? itemBodies(text) : [];
  const hits: (Hit & { duty: boolean; weak?: boolean })[] = [];
  PROSE_RE.lastIndex = 0;
  for (let m; (m = PROSE_RE.exec(t)); ) {
    const kw = m[0];
    const k = m.index;
    const e = k + kw.length;
    const after = t.slice(e, e + 2);
    // 负责人, 负责制 (a system) are nouns; "省级司法行政部门负责制定…" (河北 2023 行政执法) is the verb
    if (kw === "负责" && /^(?:人|同志|任|制(?![定订]))/.test(after)) continue;
    // "区幼儿招生负责科室负责在…公示" (广州 天河 2026 幼儿园招生工作方案 四/(五), unseen14b): 负责科室/负责处室 followed by its own role
    // word is the name of the section in charge (the field label "负责处室：" of public project systems on GitHub); "负责科室全面工作"
    // stays the verb and its object
    if (kw === "负责" && /^(?:科室|处室)(?:具体|主要)?(?:负责|牵头|会同)/.test(t.slice(e, e + 6))) continue;
    // 牵头领导 (the official in charge) is a noun; 牵头领导小组… is the verb and its object ("房管所牵头领导小组办公室工作，负责…",
    // 上海 闵吴府发〔2023〕17号 吴泾镇 四)
    if (kw === "牵头" && /^(?:单位|部门|人|者|领导(?!小组))/.test(t.slice(e, e + 4))) continue;
    if (kw === "牵头" && MADE_BY.test(t.slice(e, e + 5))) continue;
    // a formula in quotes ("“全省统一领导、地方政府负责、部门协调指导、各方联合行动”的方针", "“党委领导、政府负责、部门承办、
    // 社会参与”的领导体制", 河北 2004/2011) names a principle, not who does the task
    if (inQuote(t, k)) continue;
    const xs = unitsBefore(t, k, known);
    // "公安奉贤分局负责会同区城管执法局、区交通委打击…" (奉贤 沪奉府规〔2025〕1号 六): X负责会同Y is X会同Y
    if (kw === "负责" && t.startsWith("会同", e) && xs.length > 0) {
      for (const name of xs) hits.push({ role: "lead", name, pos: k, duty: false });
      for (const name of unitsAfter(t, e + 2, known)) hits.push({ role: "coop", name, pos: e, duty: false });
      PROSE_RE.lastIndex = e + 2;
      continue;
    }
    // "咨询意见要对审批单位负责", "审批单位应对初步设计批复负责" (上海 宝建〔2021〕12号 宝山 七/(一), 七/(三)); "各级政府和各部门要以对人民
    // 高度负责的责任感…": a body after 对 in the clause is whom one answers to, the object of 对, never the subject of 负责
    if (kw === "负责" && xs.length > 0) {
      const clause = t.slice(0, k).split(/[，,。；;\n]/).pop() ?? "";
      const at = maskDuiInNames(clause).lastIndexOf("对");
      if (at >= 0 && xs.every((x) => clause.lastIndexOf(x) + x.length > at)) continue;
    }
    // "房管所、规建生态办负责牵头组织…排查整治工作" (上海 闵吴府发〔2021〕5号 吴泾镇 三/(二)), "建管中心。…负责牵头落实…" (闵古办〔2022〕20号
    // 古美路街道 二/4); a district's 招商 office "负责牵头组织全区性…招商活动": X负责牵头 is X牵头 (lead)
    if (kw === "负责" && t.startsWith("牵头", e) && xs.length > 0) {
      for (const name of xs) hits.push({ role: "lead", name, pos: k, duty: false });
      PROSE_RE.lastIndex = e + 2;
      continue;
    }
    if (/^作?为/.test(kw)) {
      // "X为总牵头单位，Y为责任单位"; "由区建设管理委（区水务局）作为牵头部门，统筹协调…" (静府发〔2025〕6号 五), "市司法局作为牵头单位，
      // 联合公安局、…开展了…" (三门峡 a news page on GitHub)
      const role: Role = kw.includes("牵头") ? "lead" : kw.includes("配合") ? "coop" : "responsible";
      for (const name of xs) hits.push({ role, name, pos: k, duty: role === "responsible" });
    } else if (kw === "牵头" || kw === "会同") {
      for (const name of xs) hits.push({ role: "lead", name, pos: k, duty: false });
      // "由省财政厅、省物价局牵头，会同有关部门…" (河北 冀减负〔2015〕1号): the lead named in the clause before is the subject.
      const ledBefore = xs.length === 0 && /牵头[，,]$/.test(t.slice(Math.max(0, k - 3), k)) && hits.some((h) => h.role === "lead" && !/[。；;\n]/.test(t.slice(h.pos, k)));
      // "区规划资源局进行全区域空间梳理，会同区绿化市容局编制…" (奉贤 沪奉府规〔2025〕1号 六); "发展改革部门是…综合部门,主要负责…,会同有关
      // 行业主管部门对…进行调度" (菏泽 菏政办发〔2009〕72号): the body opening the sentence is the subject of a bare 会同 after a comma.
      const openers = xs.length === 0 && !ledBefore && kw === "会同" ? sentenceSubject(t, k, known) : [];
      for (const name of openers) hits.push({ role: "lead", name, pos: k, duty: false });
      if (kw === "会同" && (xs.length > 0 || ledBefore || openers.length > 0))
        for (const name of unitsAfter(t, e, known)) hits.push({ role: "coop", name, pos: e, duty: false });
    } else if (kw === "配合" || kw === "协助") {
      // "Y配合X…": Y cooperates; X, named right after, is the one helped (it leads). After 并 the subject is the unit whose
      // duty opens the sentence: "镇城管中心负责…，并协助镇规建办对…实施现场监管" (上海 闵七府〔2020〕21号 五/9, 五/13).
      // In an item titled by its bodies under a duties heading, a 配合 opening a clause with no subject is theirs: "（一）区建设管理委
      // （区水务局） / 负责…；配合市水务局、市财政局研究形成…" (静安 2025 排水 四/(一)), "（二）区财政局 / 负责…审核、配合市财政局研究…"
      // (杨浦 2025 排水 四/(二)).
      const subject = xs.length > 0 ? xs
        : t[k - 1] === "并" ? hits.filter((h) => h.duty && !/[。；;\n]/.test(t.slice(h.pos, k))).map((h) => h.name)
        : titledBy.length > 0 && /^[。；;，,、\n]?$/.test(t.slice(Math.max(0, k - 1), k)) ? titledBy : [];
      const helped = subject.length > 0 ? unitsAfter(t, e, known) : [];
      // (only where a body is helped and its clause's verb follows it: "配合杨浦区做好…稳定工作" names a place, "配合开展…" none,
      // "配合相关区雨污混接整治、…等排水专项任务" (沪府〔2025〕24号 三/(三)) a place's task)
      if (subject === titledBy && !helpedBeforeVerb(t, e, helped)) continue;
      for (const name of subject) hits.push({ role: "coop", name, pos: k, duty: false });
      for (const name of helped) hits.push({ role: "lead", name, pos: e, duty: false });
    } else if (kw === "共同参与" || kw === "参与" || kw === "参加") {
      // Only beside a named lead ("由X牵头，Y、Z参加", "由省财政厅…牵头，各级各有关部门参与"): alone it is no assignment.
      for (const name of xs) hits.push({ role: "coop", name, pos: k, duty: false, weak: true });
    } else {
      for (const name of xs) hits.push({ role: "responsible", name, pos: k, duty: true });
    }
  }
  // duties under a unit's name: "X：负责…", "X主要职责为：…", an item titled "X。"; the role an item's title names holds for
  // every unit in it; "X：会同Y…" and "X。会同Y…" make X lead and Y coop
  const titled = ROLE_TITLE.exec(t)?.[1];
  const titleRole: Role | null = titled === "牵头" ? "lead" : titled === "配合" ? "coop" : titled ? "responsible" : null;
  const duty = (name: string, at: number, after: number, titledItem = false, headed = false) => {
    if (!proseBody(name)) return;
    // "工作推进专班：配合区协调监管机构相关单位研究调研并拟定…" (上海 沪崇府办发〔2023〕16号 崇明 三/(三), unseen14c): duties opening with
    // 配合/协助 Y make the body cooperate and Y lead, as "（二）相关区政府。…配合市水务局、市财政局落实…" (上海 2025 排水 三/(二), unseen11h3)
    // and "2.派出所。配合开展…" (古美路 2022, unseen12d) cooperate
    if (headed && !titleRole && /^(?:配合|协助)/.test(t.slice(after))) {
      const helped = unitsAfter(t, after + 2, known);
      // a name holding a verb of its own ("区协调监管机构相关单位研究调研…": 协调) ends where a verb follows a body's ending
      if (helped.length === 0) {
        const rest = t.slice(after + 2, after + 27);
        for (let i = rest.length; i >= 3; i--) if (proseBody(rest.slice(0, i)) && FORWARD_STOP.exec(rest.slice(i))?.index === 0) { helped.push(rest.slice(0, i)); break; }
      }
      if (helped.length > 0) {
        hits.push({ role: "coop", name, pos: at, duty: false });
        for (const y of helped) hits.push({ role: "lead", name: y, pos: after, duty: false });
        return;
      }
    }
    const with_ = t.startsWith("会同", after);
    let role: Role = titleRole ?? (t.startsWith("牵头", after) || with_ ? "lead" : "responsible");
    // an item titled by its body ("4.建管中心。…，协同开展…。负责牵头落实…", "7.居委会。具体负责…。牵头召集…", "2.派出所。配合开展…"): a 牵头
    // opening a clause with no subject of its own is the body's, and 配合/协助 right after the title makes it cooperate
    if (titledItem && role === "responsible") {
      if (SUBJECTLESS_LEAD.test(t.slice(after))) role = "lead";
      else if (/^(?:配合|协助)/.test(t.slice(after))) role = "coop";
    }
    hits.push({ role, name, pos: at, duty: role === "responsible" });
    if (with_) for (const y of unitsAfter(t, after + 2, known)) hits.push({ role: "coop", name: y, pos: after, duty: false });
  };
  for (const re of [DUTY_HEAD, DUTY_TITLE]) {
    re.lastIndex = 0;
    for (let m; (m = re.exec(t)); ) {
      // a heading that is a verb phrase names no body ("（三）建立健全工作机构：根据工作需要，…")
      // …but 工作 + a verb + a set-up head is a body's name ("工作推进专班：配合…", 崇明 三/(三); "北京市大数据工作推进小组负责…", 京经信发〔2022〕87号)
      if (re === DUTY_HEAD && verbPhrase(m[1].replace(WORK_TEAM, ""))) continue;
      const names = re === DUTY_HEAD ? splitList(m[1]).map((x) => cleanItem(x)?.name ?? "") : [m[1]];
      for (const name of names.length > 1 && names.every((n) => proseBody(n)) ? names : [m[1]]) duty(name, m.index, m.index + m[0].length, false, re === DUTY_HEAD);
    }
  }
  // on the measure's own lines (proseText may join a long title line to the paragraph under it)
  const lines = text.split("\n").map((l) => l.replace(/\s+/g, "")).filter(Boolean).join("\n");
  NAME_LINE.lastIndex = 0;
  for (let m; (m = NAME_LINE.exec(lines)); ) {
    const names = namesOnlyLine(m[1], dutyItems);
    if (!names) continue;
    const labelled = t.indexOf(m[0].replace(/^\n/, ""));
    const at = labelled >= 0 ? labelled : Math.max(0, t.indexOf(m[1]));
    for (const n of names) duty(n, at, at + m[1].length + 1, dutyItems);
  }
  const nameTitle = NAME_TITLE.exec(t);
  // under a heading announcing duties by body ("二、职责分工"), any body's name titles its item ("4.建管中心。…", "（三）上海城投集团。负责…")
  if (nameTitle) for (const name of titleBodies(nameTitle[1], dutyItems)) duty(name, 0, nameTitle[0].length, true);
  const leads = new Set(hits.filter((h) => h.role === "lead").map((h) => h.name));
  // "X负责" cooperates after a lead named earlier in the measure (docs/labelling.md "coop after a named lead": gold-extra 19 六,
  // unseen11h 二); named before any lead it stays responsible ("相关区政府负责落实…。市水务局会同市财政局、相关区政府…", 上海 2025 排水
  // 二/(三); "区绿化市容局负责…。…区规划资源局…会同区绿化市容局编制…", 奉贤 沪奉府规〔2025〕1号 六).
  const firstLead = Math.min(...hits.filter((h) => h.role === "lead").map((h) => h.pos));
  const out: Hit[] = [];
  for (const h of hits) {
    if (h.role !== "lead" && leads.has(h.name)) continue;
    if (h.weak && leads.size === 0) continue;
    out.push({ role: h.duty && h.pos > firstLead ? "coop" : h.role, name: h.name, pos: h.pos });
  }
  return out;
}
