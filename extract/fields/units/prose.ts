// Prose: "X牵头", "由X牵头", "X会同Y", "由X负责", "X按职责分工负责", "X等配合", and duties listed under
// a unit's name ("市工业和信息化局：负责…"). Used only when a measure has no label or bracket form.
// The role words and who plays them here; the text as prose reads it (prose-text.ts) and the bodies on either side of a
// role word (prose-lists.ts) are their own modules.
import type { Known } from "../unit-canonical.ts";
import { cleanItem, proseBody, SECTIONS_IN_CHARGE, splitList, type Hit, type Role } from "../unit-clauses.ts";
import { FORWARD_STOP, LINE_LABEL, maskDuiInNames, verbPhrase } from "./patterns.ts";
import { NAME_ENDS, namesOnlyLine } from "./name-line.ts";
import groups from "../../data/unit-groups.json" with { type: "json" };
import { isBody } from "../unit-aliases.ts";
import { proseText } from "./prose-text.ts";
import { sentenceSubject, unitsAfter, unitsBefore } from "./prose-lists.ts";
import { escapeRegExp, literalAlternation } from "../../regex.ts";

// 负责 + a section in charge (sectionsInCharge) + its own role word: the section's name, no verb ("区幼儿招生负责科室负责在…公示").
const SECTION_NAME = new RegExp(`^(?:${SECTIONS_IN_CHARGE})(?:具体|主要)?(?:负责|牵头|会同)`);

// "由县教育局组织实施" (永… 2005 农村劳动力素质培训工程 实施意见; 河北 2024 特岗计划 "由设岗县教育局组织实施"): X组织实施/组织落实
// reads as X负责, as in a bracket (江苏 苏政办发〔2025〕45号).
const PROSE_RE = /作?为总?牵头(?:单位|部门)|作?为(?:责任|配合)(?:单位|部门)|会同|按(?:照)?(?:职责|职能)(?:分工)?(?:分别)?负责|负责|组织(?:实施|落实)|总?牵头|配合|协助|共同参与|参与(?!单位|部门)|参加/g;
// An item's own label before its first words: "（一）", "1." (regex source).
const ITEM_LABEL = String.raw`(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])?`;
// "市工业和信息化局：负责…" — duties listed under a unit's name.
// The head may be a body with its second plate, or several bodies listed with 、, over duties opening with 按照/根据:
// "区经委（商务委）：负责指导、监督…", "各镇政府、街道（开发区）办事处、头桥集团：按照区规划要求，制定本区域…规划" (上海 沪奉府办发〔2022〕090号
// 奉贤 五、职责分工, unseen13b). 具体 before the verb ("镇级路长办公室：具体落实并实施“路长制”各项工作…；负责督导…", 浦东 2021 路长制
// 三/(二), unseen14h2).
// 具体负责人 is a person, not 具体 + 负责 (dutyHeadAfterJuti in unit-groups.json).
const JUTI_VERBS = groups.dutyHeadAfterJuti.map((v) => (v === "负责" ? "负责(?!人)" : escapeRegExp(v))).join("|");
const DUTY_HEAD = new RegExp(
  String.raw`(?:^|[\n。；;])${ITEM_LABEL}((?:[^\n。；;：:，,()（）]|[(（][^()（）\n]{1,10}[)）]){2,40})[:：](?=${literalAlternation(groups.dutyHeadVerbs)}|具体(?:${JUTI_VERBS}))`,
  "g",
);
// 工作 + a verb + a set-up head closing a head's name: "工作推进专班", "大数据工作推进小组" (a name, not a verb phrase)
const WORK_TEAM = new RegExp(`工作(?:${literalAlternation(groups.workTeamVerbs)})(?:${literalAlternation(groups.workTeamHeads)})$`);
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
const NAME_LINE = new RegExp(String.raw`(?:^${LINE_LABEL}?|\n${LINE_LABEL})([^\n。；;：:，,]{2,40})(?=\n\S)`, "g");
// a 牵头 opening a clause with no subject ("。负责牵头落实…", "。牵头召集…"), not 牵头单位/牵头部门/牵头领导
const SUBJECTLESS_LEAD = /(?:^|[。；;，,])(?:具体|主要)?(?:负责)?牵头(?!单位|部门|领导|人)/;
// "原则按照市水务局牵头制定的一体化运维管理绩效考核办法" (杨浦 2025 排水 三/(三)/2, unseen14h); "智合标准中心牵头制定的《人工智能软硬件数据
// 跨境合规指南》已完成专家论证" (a page on GitHub): 牵头 + a making verb + 的 describes a thing by who made it, no one's role in the task.
const MADE_BY = new RegExp(`^(?:${literalAlternation(groups.madeByVerbs)})的`);

/** Do the bodies `helped`, read after position e, end right before a verb ("配合区政府做好…", "配合市水务局、市财政局研究…")? */
function helpedBeforeVerb(t: string, e: number, helped: string[]): boolean {
  if (helped.length === 0) return false;
  const last = helped[helped.length - 1];
  const at = t.indexOf(last, e);
  return at >= 0 && at - e <= 60 && FORWARD_STOP.exec(maskDuiInNames(t.slice(at + last.length, at + last.length + 6)))?.index === 0;
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
    // "省政府办公厅总牵头，各级政务公开主管部门承担…职责" (河北 2022 政务公开专区 四/(一), unseen15b): X总牵头 (the overall lead) is X牵头;
    // the bodies before it end before 总
    const kw = m[0] === "总牵头" ? "牵头" : m[0];
    const k = m.index;
    const e = k + m[0].length;
    const after = t.slice(e, e + 2);
    // 负责人, 负责制 (a system) are nouns; "省级司法行政部门负责制定…" (河北 2023 行政执法) is the verb
    if (kw === "负责" && /^(?:人|同志|任|制(?![定订]))/.test(after)) continue;
    // "区幼儿招生负责科室负责在…公示" (广州 天河 2026 幼儿园招生工作方案 四/(五), unseen14b): 负责科室/负责处室 followed by its own role
    // word is the name of the section in charge (the field label "负责处室：" of public project systems on GitHub); "负责科室全面工作"
    // stays the verb and its object
    if (kw === "负责" && SECTION_NAME.test(t.slice(e, e + 6))) continue;
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
      // "乡镇人民政府、街道办事处要协助做好相关工作" (国办发〔2014〕56号 一/(四), unseen15a), "绿化市容部门要…并配合做好执法协助" (上海 2024
      // 建筑垃圾 二/(二), unseen12b): 配合/协助 with no one named to help and no lead or responsible body named before it assigns
      // nothing; after a named lead it still cooperates ("由省财政厅、省物价局牵头，…省国税局、省地税局配合做好…", 河北 冀减负〔2015〕1号
      // 四/(二), unseen9a), and after a named responsible body too ("县科技局负责,县财政局配合", the 平阳 seed's form)
      if (subject === xs && helped.length === 0 && !hits.some((h) => (h.role === "lead" || h.role === "responsible") && h.pos < k)) continue;
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
    // a name line over the paragraph that sets the body up ("2. 镇级路长办公室 / 各镇政府设立镇级路长办公室，…", 浦东 2021 路长制) heads
    // its setting-up, not its duties (setUpVerbs)
    const under = lines.slice(m.index + m[0].length).replace(/^\n/, "").split("\n")[0];
    if (names.every((n) => groups.setUpVerbs.some((v) => under.includes(v + n)))) continue;
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
