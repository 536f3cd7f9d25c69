// Lists of units and assignment clauses: "A、B牵头，C、D等相关部门及各地区按职责分工负责", "X会同Y",
// "（X负责）"; the grammar of a bracket or a labelled value. docs/labelling.md, section Units.
import type { Unit } from "../schema.ts";
import { isBody, isParty } from "./unit-aliases.ts";
import { isPlaceName } from "./regions.ts";
import groups from "../data/unit-groups.json" with { type: "json" };
import unitLabels from "../data/unit-labels.json" with { type: "json" };

export type Role = Unit["role"];
export interface Hit {
  role: Role;
  name: string;
  pos: number;
}

export const LIST_SEP = new Set(["、", ",", "，", ";", "；"]);
const CONJ = new Set(["和", "及", "与"]);
export const OPEN = new Set(["(", "（", "〔"]);
export const CLOSE = new Set([")", "）", "〕"]);
export const TRIM_SEP = /^[、,，;；:：.。\s]+|[、,，;；:：.。\s]+$/g;
// A summing tail after a list: "等", "等部门", "等国务院相关部门", "等有关单位" (not a unit of its own).
const TRAILING_DENG = new RegExp(`等(?:${groups.summingPrefixes.join("|")})?(?:${groups.summingHeads.join("|")})?$`);
const ROLE_PAREN = /[(（](牵头|配合|协办|协助|负责|主责)[)）]$/;
const TAIL_PAREN = /^(.+?)[(（]([^()（）]{1,30})[)）]$/;
const PLACE_QUALIFIER = /^(?:[县市区州旗乡镇、,，]+|园区|开发区|高新区|新区|行署|管委会|管理委员会|行政公署)$/;
const BAD_LABEL_ITEM = /[。:：!?！？“”"《》\d]/;
// A verb or a clause word (labelClauseWords) after a name ends it: "市财政局负责…", "各有关部门按职责分工" (a labelled value).
const CLAUSE_WORDS = groups.labelClauseWords.join("|");
const VERB_IN_ITEM = new RegExp(`^(.+?)(?:牵头|负责|配合|协助|做好|推进|落实|开展|制定|完成|提供|${CLAUSE_WORDS})`);
/** A labelled value opening with a clause word ("按照职责分工负责", "根据工作需要确定", "由区政府确定"): no unit list. */
export const LABEL_CLAUSE = new RegExp(`^(?:${CLAUSE_WORDS}|由)`);
const SHORT_BODIES = new Set(groups.shortBodies);
// Generic groups that stand as units on their own: 各地区, 各部门, 有关部门, 国务院相关部门和单位 …
const GROUP_RE = new RegExp(`^(?:${groups.groupPatterns.join("|")})$`);

/** A generic group named as a unit (各地区, 相关部门, 各省级人民政府). */
export function isGroup(s: string): boolean {
  return GROUP_RE.test(s);
}

// "省数据局(省营商局)" (辽宁 2025), "省发展改革委(省铁路机场办)" (四川 川办函〔2018〕9号): a body's second name in brackets
// right after it is part of its name, not a bare list, also where the paragraph (a stored copy cut there) ends with it.
export const SECOND_NAME = /[(（][^()（）]{1,15}[)）]$/;

/**
 * The last name of a list that a stored copy cut at the source may have cut too ("…、市医保局、市"): whole only where it
 * ends like a body (a second name in brackets read over) or is a generic group. Cut brackets, cut label values, cut table rows.
 */
export function wholeName(name: string): boolean {
  return isBody(name.replace(SECOND_NAME, "")) || isGroup(name);
}

/** Split on 、,，;； outside parentheses, then on 和/及/与 where the left part ends like a body. */
export function splitList(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && LIST_SEP.has(c)) {
      splitConj(s.slice(start, i), out);
      start = i + 1;
    }
  }
  splitConj(s.slice(start), out);
  // "各有关部门、单位和地方各级人民政府" (人社部等十五部门 2020): a bare 单位 after a group is the group's "部门、单位", one group as
  // "国务院相关部门和单位" is (splitConj)
  for (let i = out.length - 1; i > 0; i--) if (/^(?:单位|部门|机构)$/.test(out[i]) && isGroup(out[i - 1])) out.splice(i - 1, 2, `${out[i - 1]}、${out[i]}`);
  // Items with no head of their own share the next item's head: one group (sharesHead).
  const runs: string[][] = [];
  for (let i = out.length - 1; i >= 0; i--) {
    if (runs.length > 0 && sharesHead(out[i], runs[0])) runs[0].unshift(out[i]);
    else runs.unshift([out[i]]);
  }
  return runs.map((r) => r.join("、"));
}

const LEVEL_ONLY = /^(?:各有关|各相关|各|有关|相关)?(?:[区县市州盟旗]|县级市)(?:[(（〔][区县市州盟旗、]{1,8}[)）〕])?$/;
// "各县、区人民政府(管委会)" (潮州 2019): the head may carry its stand-in
const STAND_INS = groups.standIns.join("|");
const LEVEL_HEAD = new RegExp(`^(?:[区县市州盟旗]|县级市)(?:[(（〔][^()（）〔〕]{1,8}[)）〕])?(?:人民)?政府(?:[(（](?:${STAND_INS})[)）])?$`);
/** What stands in for a government in brackets after its name: "(管委会)" in "各县(市、区)政府(管委会)". */
export const STAND_IN = new RegExp(`^(?:${STAND_INS})$`);
export const TIER = /^[省市县区乡镇]$/;
// "省、市两级教育行政部门"; also a tier-led class of departments with no 两级: "市、区交通运输部门负责…" (上海 沪交法〔2025〕175号),
// "市、区财政部门和交通主管部门要…" (上海 沪府办发〔2020〕3号 农村公路): the tiers before it share its head.
export const TIERS_HEAD = /^[省市县区乡镇](?:[两三四五]级[\u4e00-\u9fff]|[\u4e00-\u9fff]{1,10}(?:部门|机关|机构)$)/;
const AREA_START = /^[\u4e00-\u9fff]{2,4}(?:新区|开发区|高新区)/;
const PLACE_START = /^[\u4e00-\u9fff]{1,8}?(?:市|州|县|区|盟|旗)/;
const ZONE_ENDS = groups.zoneEndings.join("|");
const ZONE = new RegExp(`^[\u4e00-\u9fff]{2,6}(?:${ZONE_ENDS})$`);
const ZONE_START = new RegExp(`^[\u4e00-\u9fff]{2,6}(?:${ZONE_ENDS})`);
const ZONE_HEAD = new RegExp(`^[\u4e00-\u9fff]{2,6}(?:${ZONE_ENDS})(?:${STAND_INS})$`);

/**
 * Does `a`, an item with no head, share the head of `b`? Level words: "各区、市政府" (青岛), "各州、市人民政府"
 * (云南 2017), "各市〔州〕、贵安新区数据管理部门" (贵州 2026: a bracketed level and a named new area); places:
 * "海东市、兰州市、临夏州发展改革部门" (海东 2020: each place's own department, one group as written).
 */
function sharesHead(a: string, run: string[]): boolean {
  const b = run[0];
  const last = run[run.length - 1]; // the item that carries the head ("区人民政府", "临夏州发展改革部门")
  // "省、市两级教育行政部门" (河北 2024 特岗计划), "省、市、县三级…": tiers counted before one head are one group.
  if (TIER.test(a) && TIERS_HEAD.test(last) && run.slice(0, -1).every((x) => TIER.test(x))) return true;
  if (LEVEL_ONLY.test(a)) {
    if (LEVEL_HEAD.test(last) && run.slice(0, -1).every((x) => LEVEL_ONLY.test(x))) return true;
    // "各区、县级市" (广州 2012): level words after 各 with no head at all are one group too.
    if (/^(?:各|有关|相关)/.test(a) && run.every((x) => LEVEL_ONLY.test(x) && !/^(?:各|有关|相关)/.test(x))) return true;
    return /^(?:各|有关|相关)/.test(a) && run.length === 1 && AREA_START.test(b) && isBody(b);
  }
  // "嘉定工业区、菊园新区管委会" (嘉定 2025 河湖泵闸 三), "嘉定新城、嘉定工业区、菊园新区管委会" (嘉府发〔2014〕33号): zones before a
  // zone's 管委会 share it (zoneEndings)
  if (ZONE.test(a) && !isBody(a)) return ZONE_START.test(b) && run.slice(0, -1).every((x) => ZONE.test(x)) && ZONE_HEAD.test(last.replace(/[(（][^()（）]*[)）]$/, ""));
  if (!isPlaceName(a) || isBody(a)) return false;
  const p = PLACE_START.exec(b)?.[0];
  return !!p && (run.length > 1 || p.length < b.length) && (isPlaceName(p) || /[州盟]$/.test(p)) && isBody(last);
}

function splitConj(part: string, out: string[]): void {
  let depth = 0;
  let start = 0;
  for (let i = 1; i < part.length - 1; i++) {
    const c = part[i];
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (CONJ.has(c) || c === "或")) {
      const end = c === "及" && part[i - 1] === "以" ? i - 1 : i;
      const left = part.slice(start, end);
      // "市城雕委办公室或者区、县城市雕塑管理机构会同…" (上海市城市雕塑建设管理办法 第十五条): either body, each named;
      // "运管或城建部门" (no body on the left) stays one name.
      const skip = c === "或" && part[i + 1] === "者" ? 2 : 1;
      // "国务院相关部门和单位" is one group: the right part must be more than a bare 单位/部门.
      const right = /^(?:单位|部门|机构)(?:$|[及和与])/.test(part.slice(i + skip));
      if (left && !right && (isBody(left) || isGroup(left.replace(TRAILING_DENG, "")))) {
        out.push(left);
        start = i + skip;
      }
    }
  }
  if (start < part.length) out.push(part.slice(start));
}

export interface Item {
  name: string;
  role?: Role; // from a "(牵头)" after the name
}

/** Strip separators, a trailing summing 等…, and a trailing descriptive parenthesis. */
export function cleanItem(raw: string): Item | null {
  let s = raw.replace(TRIM_SEP, "");
  let role: Role | undefined;
  const rp = ROLE_PAREN.exec(s);
  if (rp) {
    role = rp[1] === "牵头" || rp[1] === "主责" ? "lead" : rp[1] === "负责" ? undefined : "coop";
    s = s.slice(0, rp.index);
  }
  const tp = TAIL_PAREN.exec(s);
  // A body's second plate in brackets is part of its name: "县发改局(粮食局)" (嘉鱼 2021), "市发展改革委（市粮食和物资储备局）".
  if (tp && isBody(tp[1]) && !PLACE_QUALIFIER.test(tp[2]) && !secondPlate(tp[2])) s = tp[1];
  if (!isGroup(s)) s = s.replace(TRAILING_DENG, "");
  return s ? { name: s, role } : null;
}

/** A bracket holding one body's name (no list, no clause): the other name of the body before it. */
function secondPlate(inner: string): boolean {
  return inner.length >= 3 && !/[、,，;；。:：\d]/.test(inner) && !isGroup(inner) && isBody(inner) && !/^(?:含|包括|下同|以下)/.test(inner);
}

/** Does the name end like a body, a second plate in brackets read over ("县发改局(粮食局)")? */
function isBodyName(s: string): boolean {
  if (isBody(s)) return true;
  const tp = TAIL_PAREN.exec(s);
  return tp !== null && secondPlate(tp[2]) && isBody(tp[1]);
}

// A short quoted slogan inside a body's name ("市“两新”组织党工委", 广州 2012).
const QUOTED_IN_NAME = /“[^“”"，,。；;：:]{1,8}”/g;
/** An item of a labelled list: anything name-like (华西证券 counts), not a clause. */
export function labelItem(raw: string): Item | null {
  const it = cleanItem(raw);
  if (!it) return null;
  let s = it.name;
  // A short quoted slogan inside a body's name: "市“两新”组织党工委" (广州 2012).
  const bare = isBody(s) ? s.replace(QUOTED_IN_NAME, "") : s;
  if (s.length < 2 || s.length > 40 || BAD_LABEL_ITEM.test(bare)) return null;
  if (!isBodyName(s) && !isGroup(s)) {
    const v = VERB_IN_ITEM.exec(s);
    if (v) {
      if (!isBody(v[1]) && !isGroup(v[1])) return null;
      s = v[1];
    } else if (s.length > 16 || s.includes("的")) return null;
  }
  return { name: s, role: it.role };
}

const PROSE_BAD_CHARS = /[的了着吗呢吧这那其该此于，,。；;：:！？!?“”"\d]|牵头|配合|负责|协助|会同/;
// "区幼儿招生负责科室" (广州 天河 2026 幼儿园招生工作方案, unseen14b): the section in charge of a task, its 负责 no verb
export const SECTIONS_IN_CHARGE = groups.sectionsInCharge.join("|");
const SECTION_IN_CHARGE = new RegExp(`负责(?=(?:${SECTIONS_IN_CHARGE})$)`);
// "由建设单位或者所属单位负责", "由迁移或者拆除单位负责补偿" (上海市城市雕塑建设管理办法 第十六、十七条, a public page); "由建设单位或总承包
// 单位(以下统称招标单位)负责组织" (广东 1986 招标投标管理规定): whichever of two parties (或/或者) a 单位 heads is no body;
// functions sharing one 部门 ("会同运管或城建部门", 河北 2006, unseen11h2) stay.
const EITHER_PARTY = /或.*单位$/;
// "未列入移交清单…的排水设施仍由本区及权属部门负责管理" (杨浦 杨府发〔2025〕9号 一/(一) and 静安 静府发〔2025〕6号 三/(一), tests/data/unseen14h):
// the document's own place (selfPlaces: 本区, 本市 …) joined by 及/和/与 to a class of owners names no body, nor the two together.
const SELF_PLACE_JOINED = new RegExp(`^(?:${groups.selfPlaces.join("|")})(?:及|和|与|以及)`);
// A label word itself ("责任单位：按照职责分工…" read as a duty line under a name) is no unit.
const LABEL_WORDS = new Set((unitLabels.labels as { word: string }[]).map((l) => l.word));
/** A unit named in prose: must end like a body, or be a generic group. */
export function proseBody(s: string): boolean {
  if (LABEL_WORDS.has(s)) return false;
  // A group may hold 牵头 in its name: "各重点产业链牵头责任单位" (昆明 2023 政策汇编).
  if (s.length >= 2 && s.length <= 25 && isGroup(s)) return true;
  const bare = s;
  if (bare.length < 2 || bare.length > 25) return false;
  if (PROSE_BAD_CHARS.test(bare.replace(SECTION_IN_CHARGE, ""))) return false;
  if (EITHER_PARTY.test(bare)) return false;
  if (SELF_PLACE_JOINED.test(bare)) return false;
  if (!isBodyName(bare)) return false;
  return bare.length >= 3 || SHORT_BODIES.has(bare);
}

// ---------------------------------------------------------------------------------------------
// Clauses of a bracket or a labelled value

// "<list>牵头", "<list>分别牵头" (丽水 2023: each leads), "由<list>牵头负责", "<list>等配合", "<list>按职责分工负责", "<list>负责",
// "<list>结合实际落实" (数字广东 2025: 落实 as 组织落实).
const CLAUSE_VERB =
  /(?:共同|分别|各自)?(?:结合(?:各自|本地|当地)?实际)?(牵头(?:负责|组织|实施)?|(?:等)?(?:有关|相关)?(?:单位|部门)?(?:配合|协助|协办|参与|参加)|(?:按(?:照)?(?:职责|职能)?(?:分工)?(?:分别)?|分别|共同|具体)?负责(?:落实|实施)?|(?:按(?:照)?(?:职责|职能)(?:分工)?)?落实|组织(?:落实|实施))/.source;
const CLAUSE_RE = new RegExp(`^(?:由)?(.+?)${CLAUSE_VERB}$`);
const MEETS_RE = /^(?:由)?(.+?)会同(.+?)(?:共同)?(?:负责|实施|推进|落实)?$/;
const CLAUSE_SPLIT = /[,，;；。]/;
// The statement closing a bracket or a labelled value: "（A、B、C负责。列第一位者为牵头单位，下同）", "（责任单位：A、B，排名第1为
// 牵头单位，下同）" (河北 冀工信装〔2023〕127号).
/** "列第一位" / "排名第1" (the first listed), and "第一家单位为牵头": the words of the lead-first convention. */
export const FIRST_PLACE = String.raw`(?:列|排|排名|位列)(?:在|于)?(?:第一位|第1位|首位|第一|第1(?![0-9]))`;
export const FIRST_LEADS = "第一(?:个|家|位)?(?:单位|部门)?(?:为|是)牵头";
export const CONVENTION_TAIL = new RegExp(`[。；;，,]?(?:${FIRST_PLACE}|${FIRST_LEADS})[^。；;]*?(?:[，,]?下同)?[。]?$`);
// "…按职责分工负责；各市、县(市、区)人民政府组织落实。以下均需各市、县(市、区)人民政府负责，不再列出〕" (江苏 苏政办发〔2025〕45号),
// "（责任单位：省委党校、省林业和草原局，机械林场,以下均含省林业和草原局、机械林场,不再单独列出）" (河北 2024 塞罕坝): a note on all
// the tasks closing a bracket or a labelled value is not part of this assignment.
export const NOTE_TAIL = /[。；;，,](?:以下(?:各项)?(?:工作|任务)?均|具体任务均)[^。；;]*[。]?$/;
// "列第一位者为牵头单位，下同": the convention statement inside a bracket is not a clause.
// "以下均需各市、县(市、区)人民政府负责，不再列出", "具体任务均涉及相关市(州)人民政府，不再做分工": notes on the
// whole list of tasks, not a clause of this one.
const CONVENTION = new RegExp(`${FIRST_PLACE}|第一(?:个|家)?(?:单位|部门)?(?:为|是)牵头|^下同$|^(?:下同)?$|^以下均|^不再(?:列出|做分工|分工|单列|重复)`);

// "(分管副省长、协管副秘书长负责,省发展改革委牵头,…)" (湖南 湘政发〔2019〕1号): the officials who answer for the task,
// named before the bodies, are people (leaderTitles), not units: their clause is read over.
const OFFICIAL = new RegExp(`^(?:[省市县区](?:政府)?)?(?:分管|协管|主管|联系|包抓)?(?:${groups.leaderTitles.join("|")})(?:同志)?$`);
function officialsClause(c: string): boolean {
  const k = CLAUSE_RE.exec(c);
  return !!k && splitList(k[1]).every((x) => OFFICIAL.test(x.replace(TRIM_SEP, "")));
}

interface Clause {
  list: string;
  role: Role | "duty"; // duty: 负责 — responsible, or coop after a named lead
}

function isUnitList(c: string): boolean {
  const items = splitList(c).map(cleanItem);
  return items.length > 0 && items.every((it) => it !== null && (proseBody(it.name) || isParty(it.name)));
}

function clauseOf(c: string): Clause[] | null {
  const m = MEETS_RE.exec(c);
  if (m) return [{ list: m[1], role: "lead" }, { list: m[2], role: "coop" }];
  const k = CLAUSE_RE.exec(c);
  if (!k) return null;
  const [list, verb] = [k[1], k[2]];
  const role: Clause["role"] = verb.startsWith("牵头") ? "lead" : /负责|落实|实施/.test(verb) ? "duty" : "coop";
  return [{ list, role }];
}

/**
 * Units of an assignment written as clauses, or null when some clause is not "<units><verb>".
 * `needsVerb`: a bare 负责 clause counts only where the caller knows the text is an assignment
 * (a bracket or a labelled value), never in running prose.
 */
export function parseClauses(v: string, pos: number, leadFirst = false, labelled = false): Hit[] | null {
  const clauses = v.replace(/牵头、/g, "牵头,").replace(TRIM_SEP, "").split(CLAUSE_SPLIT);
  const parsed: Clause[] = [];
  // "（区发改局牵头，区财政局、区水务局等部门，区国投公司、各街道办事处配合）": a list with no verb of its
  // own shares the verb of the clause after it.
  let pending = "";
  for (const raw of clauses) {
    const c = raw.replace(TRIM_SEP, "");
    if (CONVENTION.test(c) || (!pending && officialsClause(c))) continue;
    const got = clauseOf(pending ? `${pending}、${c}` : c);
    if (got) {
      parsed.push(...got);
      pending = "";
      continue;
    }
    if (!isUnitList(c)) return null;
    pending = pending ? `${pending}、${c}` : c;
  }
  // "责任单位：省工业和信息化厅、省科技厅会同省体育局、省教育厅、省发展改革委，各市政府、雄安新区管委会" (河北 2021 体育用品): in a
  // labelled value, a list with no verb closing it after a named lead is listed under the label (coop once a lead is named).
  if (pending && labelled && parsed.some((p) => p.role === "lead")) {
    parsed.push({ list: pending, role: "duty" });
    pending = "";
  }
  if (pending || parsed.length === 0) return null;
  const hasLead = parsed.some((p) => p.role === "lead");
  const hits: Hit[] = [];
  for (const p of parsed) {
    const names: string[] = [];
    for (const raw of splitList(p.list)) {
      const it = cleanItem(raw);
      // a clause whose subject is not a list of units; a party the assignment names is kept ("（项目管理部门、项目承担单位负责
      // 落实）", 国办发〔2021〕32号: the bracket assigns the item to it, as a labelled 责任单位 value does)
      if (!it || !(proseBody(it.name) || isParty(it.name))) return null;
      names.push(it.name);
    }
    names.forEach((name, i) => {
      let role: Role = p.role === "duty" ? (hasLead ? "coop" : "responsible") : p.role;
      // 列第一位者为牵头单位: a list with no lead stated leads with its first unit.
      if (p.role === "duty" && !hasLead && leadFirst) role = i === 0 ? "lead" : "coop";
      hits.push({ role, name, pos });
    });
  }
  return hits;
}
