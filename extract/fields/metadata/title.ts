// The headline and the title: the line that announces the document, the enclosed document's name, a news copy's.
import { parseLabel } from "../../structure/labels.ts";
import { DOC_NO, enclosureRunIn, field, headlineRunInDocNo, ISO, ORG, TITLE_END, WORK_LIST_END, squash } from "./common.ts";
import { jointIssuers } from "./issuer.ts";
import titleWords from "../../data/title-words.json" with { type: "json" };
import { escapeRegExp as escape } from "../../regex.ts";

// "X关于印发《…》的通知", "X关于…的实施意见": at most 40 characters of issuer before 关于.
const HEADLINE = new RegExp(String.raw`[^《》:：,，。;；\s]{0,40}关于[^《》]{0,60}?(《[^》]{2,80}》[^《》。]{0,20}?)*` + TITLE_END.source);
const SITE_NAME = /[-_|｜—]+[^-_|｜—]{2,20}(?:门户网站|政府网|网站)/;

/** A page title "X-Y门户网站" (the repair may have run the headline X on after it): X. */
function withoutSiteName(l: string): string {
  const m = SITE_NAME.exec(l);
  if (!m) return l;
  const before = l.slice(0, m.index);
  const after = l.slice(m.index + m[0].length);
  return !after || (before.length >= 6 && after.startsWith(before.slice(0, 6))) ? before : l;
}
const NAME_CELL = /^(?:名称|标题|文件名称)[:：|｜]+/;

export interface Heading {
  headline: string | null;
  /** Issuers set side by side before 关于 on the headline's raw line. */
  headlineIssuers: string[];
  /** As repaired: asWritten gives it as the original prints it. */
  title: string | null;
  /** A news copy's "近日，X印发了《…》": X. */
  newsIssuer: string | null;
}

/** @param head  the repaired head lines  @param raw  the text as loaded  @param repaired  the repaired text */
export function readHeading(head: string[], raw: string, repaired: string): Heading {
  // Headline: the line that announces the document ("…关于印发《…》的通知", "…关于…的实施意见").
  let headline: string | null = null;
  let headlineIssuers: string[] = [];
  // "【规范性文件】长沙市人民政府办公厅关于印发…的通知": a portal's column tag before the headline is not part of it
  // "名 称: | 市人民政府办公室关于印发…的通知 |" (六盘水 2022): a portal block's 名称 cell holds the headline
  // "湖南省人民政府关于…的意见-湖南省人民政府门户网站" (湖南 2019): a page title's site name is no part of the headline
  const squashed = head.map((l) => squash(l).replace(/^【[^】，。：:,;；]{1,16}】/, "").replace(NAME_CELL, "").replace(/[|｜]+$/, "")).map(withoutSiteName);
  for (let i = 0; i < squashed.length && !headline; i++) {
    const l = squashed[i];
    const next = squashed[i + 1] ?? "";
    // A headline split over two lines: "河北省教育厅等十二部门" / "关于…的实施方案", "…关于印发促进科技成果" / "转移转化行动方案的通知".
    const split = !TITLE_END.test(l) && l.length <= 40 && next.length <= 60 && !parseLabel(next) &&
      ((/关于/.test(l) && TITLE_END.test(next) && !/关于/.test(next)) || (ORG.test(l) && next.startsWith("关于")));
    // "海东市人民政府办公室 / 关于印发海东市与兰州市、临夏州 / 共同推进兰西城市群建设2020年 / 重点任务清单的通知" (海东 2020):
    // an issuer line and a headline set over up to three more short lines
    let over: string | null = null;
    // "县人民政府办公室关于 / 对县《政府工作报告》确定的2021年 / 重点工作及…涉及嘉鱼的 / 重点事项进行责任分解的通知" (嘉鱼 2021)
    const opens = (ORG.test(l) && next.startsWith("关于")) || (l.endsWith("关于") && ORG.test(l.slice(0, -2)));
    if (opens && l.length <= 40 && !TITLE_END.test(next)) {
      let joined = l + next;
      for (let k = i + 2; k < Math.min(squashed.length, i + 5) && !over; k++) {
        const more = squashed[k];
        if (!more || more.length > 40 || parseLabel(more) || /[，,。；;：:]/.test(more)) break;
        joined += more;
        if (TITLE_END.test(more)) over = joined;
      }
    }
    const m = (over ? HEADLINE.exec(over) : null) ?? (split ? HEADLINE.exec(l + next) : null) ?? HEADLINE.exec(l) ?? HEADLINE.exec(headlineRunInDocNo(l)?.headline ?? "");
    if (m) {
      // "晋政办发〔2017〕55号 山西省人民政府办公厅关于印发…": a page title opening with the 文号
      headline = m[0].replace(new RegExp(`^${DOC_NO.source}`), "");
      // the repaired text lost the spaces between issuers: read them off the raw line
      // (a headline the repair joined from two raw lines: the raw line it opens with, "X办公厅 Y办公厅" / "关于…")
      const rawLines = raw.split("\n", 80);
      const rawLine = rawLines.find((r) => squash(r).includes(l)) ??
        rawLines.find((r) => { const q = squash(r); return q.length >= 8 && l.startsWith(q); }) ?? head[i];
      headlineIssuers = jointIssuers(rawLine);
    }
  }

  let title: string | null = null;
  if (headline) {
    const enclosed = [...headline.matchAll(/《([^》]+)》/g)].map((m) => m[1]);
    // "上海市静安区人民政府关于批转区水务局《静安区排水管理体制改革实施方案》的通知" (静府发〔2025〕6号), "上海市嘉定区人民政府关于
    // 批转《关于加强本区道路下立交设施防汛防台管理工作的通知》的通知" (嘉定): a 批转 notice forwards the one document it names
    title = /印发|转发|批转|发布/.test(headline) && enclosed.length === 1 ? enclosed[0] : headline;
    // "关于印发《2024年省〈政府工作报告〉重点工作分工方案》的通知" (辽宁 2024): 〈〉 inside 《》 stand for the title's own 《》
    if (title !== headline) title = title.replace(/〈([^〈〉]{1,40})〉/g, "《$1》");
    // "…关于印发促进科技成果转移转化行动方案的通知": the enclosed title printed without 《》.
    const bare = enclosed.length === 0 ? /关于(?:印发|转发)(.{4,60}?)的通知$/.exec(headline) : null;
    // the enclosed document may also be a 工作要点, a 清单 or a 责任分解 ("…关于印发运城市…规划责任分解的通知")
    // "…关于印发2023年政府工作报告重点工作和市政府民生实事项目责任分解的通知" / "《A》和《B》已经市政府同意，现印发给你们" (嘉兴
    // 2023): a headline whose wrapper names several enclosed documents stays the title
    // "…关于印发河北省保护知识产权行动纲要（２００６-２００７年）的通知" (河北 2006): a plan period closing the name is read over
    const named = bare?.[1].replace(/[(（][^()（）]{0,16}年[)）]$/, "");
    if (bare && named && (TITLE_END.test(named) || WORK_LIST_END.test(named)) && !severalEnclosed(head.map(squash))) title = bare[1];
    // "上海市崇明区人民政府办公室关于印发本区农村集体经营性建设用地入市试点推进工作方案的通知" over the printed title line "上海市崇明区
    // 农村集体经营性建设用地入市试点推进工作方案" (沪崇府办发〔2023〕16号, unseen14c); the same repository's "上海市崇明区人民政府关于印发本区
    // 坚决遏制农村乱占耕地建房行为及加强农业用地管控的管理办法的通知" (沪崇府发〔2025〕32号): a bare name opening with 本区/本市/本县
    // (selfPlaceOpeners) is the headline's own wording for the place; the title line the document prints, ending with the rest, is the title
    if (title === bare?.[1]) title = printedForSelfPlace(title, head.map(squash), headline);
    // "…关于印发2018年省《政府工作报告》涉及我市工作任务责任分解方案的通知": the 《》 is part of the enclosed name.
    const holding = enclosed.length === 1 ? /关于(?:印发|转发)(.{2,80}?)(?:的通知)?$/.exec(headline) : null;
    if (holding && holding[1].replace(/《[^》]*》/, "").length >= 2 && (TITLE_END.test(holding[1]) || WORK_LIST_END.test(holding[1])))
      title = holding[1];
  }
  // "天津市人民政府办公厅印发关于促进我市开发区改革和创新发展实施方案的通知": a 印发 notice without 《》 whose
  // enclosed title is not cut out above; the wrapper's 《…》 names it as printed.
  const uncut = title !== null && title === headline && /(?:印发|转发|批转)[^《》]{4,}的通知$/.test(title);
  // "《A》和《B》已经市政府同意，现印发给你们" / "附件:1.A / 2.B" with no headline (湖州 2020): a notice enclosing several
  // documents is titled by its headline only; none is printed, so no title is taken from the wrapper or the body
  const noTitle = !headline && severalEnclosed(head.map(squash));
  // "关于印发2021年政府工作报告重点工作责任分解的通知" / "《政府工作报告“十四五”时期重点工作责任分解》《政府工作报告2021年重点工作
  // 责任分解》和《2021年市政府民生实事项目责任分解》已经市政府同意" (衢州 衢政办发〔2021〕3号, tests/data/unseen10b): a headline
  // enclosing several documents stays the title; the wrapper's last 《》 is not taken
  // (with no headline, "《A》《B》《C》已经市政府…同意" keeps the first as the title: 开封 2020, 九江 2024 labels)
  const several = severalEnclosed(head.map(squash), true);
  if ((!title || (uncut && !several)) && !noTitle) {
    // "《X》已经市政府同意，现印发给你们" / "现将《X》印发给你们": the wrapper names the enclosed document.
    for (const l of head.map(squash)) {
      // "省政府同意省发展改革委《X》，现转发给你们" (a 批转 notice)
      // "现将《X》印发你们" (广元 2024: 给 left out)
      const m = /《([^》]{4,80})》(?:已经[^，,。]{0,20}同意)?[，,]?现?(?:印发|转发)给?你们/.exec(l) ?? /现将《([^》]{4,80})》(?:印发|转发)给?你们/.exec(l);
      // "现将《落实〈政府工作报告〉重点工作分工的意见》印发给你们" (湖南 2022, no headline): its 〈〉 are the title's own 《》
      if (m) { title = m[1].replace(/〈([^〈〉]{1,40})〉/g, "《$1》"); break; }
    }
  }
  let newsIssuer: string | null = null;
  if (!title && !noTitle) {
    // A news copy: "近日，中共重庆市委办公厅、重庆市人民政府办公厅印发了《X》…全文如下": X, issued by the first named.
    // "近日,渝中区人民政府办公室发布《2023年区政府工作报告重点工作目标任务分解》方案" (渝中 2023, under four headline figures)
    for (const l of head.slice(0, 8).map(squash)) {
      const m = /^(?:近日|日前|近期)[，,]?([^，,。《》]{4,80}?)(?:联合)?(?:印发|发布)了?《([^》]{4,80})》/.exec(l);
      if (!m) continue;
      const first = m[1].split(/[、和与及]/)[0];
      if (ORG.test(first)) newsIssuer = first;
      title = m[2];
      break;
    }
    // "…消息,近日,安徽省人民政府发布关于…的通知" (a news copy naming no 《》): the issuer only.
    if (!title)
      for (const l of head.slice(0, 5).map(squash)) {
        const m = /(?:^|[，,。])(?:近日|日前|近期)[，,]?([^，,。《》]{4,40}?)(?:联合)?(?:印发|发布)了?关于[^，,。]{2,80}的通知/.exec(l);
        const first = m?.[1].split(/[、和与及]/)[0];
        if (first && ORG.test(first)) { newsIssuer = first; break; }
      }
  }
  // "近日,省政府办公厅印发2020年政府工作报告重点工作责任分解的通知,公布…" (浙江 2020, a news re-post under the site's own
  // headline): the lead names who issued the notice, also where a title was read off the page
  if (!newsIssuer)
    for (const l of head.slice(0, 8).map(squash)) {
      const m = /^(?:近日|日前|近期)[，,]([^，,。《》]{4,40}?)(?:联合)?印发了?[^，,。《》]{2,80}的通知/.exec(l);
      const first = m?.[1].split(/[、和与及]/)[0];
      if (first && ORG.test(first)) { newsIssuer = first; break; }
    }
  if (!title && !noTitle) {
    // A title run into its 文号 on one line: "国务院关于…的意见国发〔2014〕14号各省…".
    const first = squash(head[0] ?? "");
    const m = new RegExp(`^(.{4,80}?${TITLE_END.source.slice(0, -1)})(?=${DOC_NO.source})`).exec(first);
    if (m) title = m[1];
  }
  if (!title && !noTitle) {
    // "关于支持“双招双引”的十条意见。为落实…1.对…" (莆田): a body on one line that opens with its title as a sentence.
    const m = /^(关于[^。，,；;：:！？!?\n]{2,60}?)。/.exec(squash(head[0] ?? ""));
    if (m && TITLE_END.test(m[1])) title = m[1];
  }
  if (!title && !noTitle) {
    // "《X》" alone on the first lines of a page (淮安 2022 实施细则): the page's quotes around the title.
    // "【文字解读】后湖管理区清洁家园行动方案" (后湖 2025): a portal's column tag is not part of the title line either
    // "大气污染防治2021年行动计划.pdf" (北京 2021, a document-sharing page's preview): the file's name heads the page
    const lines = head.map(squash).map((l) => l.replace(/^【[^】，。：:,;；]{1,16}】/, "").replace(/\.(?:pdf|docx?|wps|ofd)$/i, ""))
      .map((l) => /^《([^《》]{4,80})》$/.exec(l)?.[1] ?? l);
    // "市政府工作报告重点工作责任分解(2023年)" (丽水 2023): a 分解/分工/要点/清单 too, a closing bracketed year read over.
    // "河北省县域特色产业集群数字化转型行动计划（2020-2022）" (unseen9a), seed 003 "…试点工作方案(2016~2018)": a plan period without 年.
    const ends = (l: string) => { const b = l.replace(/[(（](?:[^()（）]{0,12}年|\d{4}\s*[-—–~～至]\s*\d{4})[)）]$/, ""); return TITLE_END.test(b) || WORK_LIST_END.test(b); };
    // "名称: 2023年本部门年度重点工作任务的任务分解" (a portal's item name) … "谯城区2023年政府工作报告重点工作任务分解表" / "序号 重点工作
    // 任务 主要责任单位 …" (谯城 2023): the line right above a task table's header is the document's own title
    const table = lines.findIndex((l, i) => /^序号/.test(lines[i + 1] ?? "") && l.length >= 6 && l.length <= 60 && !/[，,。；;：:]/.test(l) &&
      (ends(l) || /(?:分解|分工|任务|清单|目标)表$/.test(l)));
    // the page's title (the 名称 again) run into the printed title by the repair: the printed one
    const name = field(raw.split("\n", 60).join("\n"), "名称");
    if (table >= 0 && name && name.length >= 6 && lines[table].startsWith(name) && lines[table].length - name.length >= 6) lines[table] = lines[table].slice(name.length);
    const at = table >= 0 ? table : lines.findIndex((l) => l.length >= 6 && l.length <= 60 && ends(l) && !parseLabel(l) && !/^附件/.test(l) && !NAME_CELL.test(l));
    title = at >= 0 ? lines[at].replace(/^附件\d*[:：]/, "") : null;
    // A title set over two lines: "立山区政府2023年重点工作" / "任务分解和责任分工方案".
    const prev = at > 0 ? lines[at - 1] : "";
    if (title && prev.length >= 2 && prev.length <= 40 && prev.length + title.length <= 80 && !/[，,。；;：:、]/.test(prev) &&
      !TITLE_END.test(prev) && !ends(prev) && !ORG.test(prev) && !DOC_NO.test(prev) && !ISO.test(prev) && !parseLabel(prev) && !/^附件|文件$/.test(prev) &&
      !/^[(（][^)）]*[)）]$/.test(prev) && // "(此件主动公开)" above the enclosed title is a note, not its first line
      !/[>»]/.test(prev) && // ">> 专题专栏 >> 归档专题 >> …" (丽水 2023): a page's breadcrumb
      !/【[^】]*】/.test(prev)) // "国内政策【切换】 国际政策" (西宁 2017 repost): a page's control, 【】 in no title
      title = prev + title;
  }

  // "郧阳区人民政府关于分解落实…的通知" … "附件:2023年区政府工作目标任务落实责任分解表" … "附件" / the same name: a notice
  // dispatching one attachment printed after it takes that attachment's title (郧阳 2023), as a 印发 notice does
  // a notice's own name ("…关于分解落实…的通知"), not one dispatching a document it names (印发, 转发, 批转, 发布)
  const ownNotice = (t: string) => /的通知$/.test(t) && !/印发|转发|批转|发布/.test(t);
  if (title !== null && ownNotice(title)) {
    const one = repaired.split("\n", 120).map(squash).map((l) => /^附件[:：](?!\d{1,2}[.、．])([^:：,，。;；]{4,60})$/.exec(l)?.[1]).filter(Boolean) as string[];
    if (one.length === 1 && repaired.split("\n").some((l) => squash(l) === one[0])) title = one[0];
  }
  // "…附件:常熟市2018年政府工作任务分解表常熟市人民政府办公室2018年2月24日常熟市2018年政府工作任务分解表" (常熟 2018, the notice
  // run together): the one enclosure, the signature and the enclosure's own title line, on one line
  if (title === null || ownNotice(title)) {
    const runIn = head.map(squash).map(enclosureRunIn).find(Boolean);
    if (runIn) title = runIn.name;
  }
  return { headline, headlineIssuers, title, newsIssuer };
}

/** The title as the original prints it (full-width brackets and digits kept), white space removed. */
export function asWritten(title: string, raw: string): string {
  const WIDE: Record<string, string> = { "(": "[(（]", ")": "[)）]" };
  const pattern = [...title.slice(0, 120)].map((c) => (WIDE[c] ?? (/[0-9A-Za-z]/.test(c) ? `[${c}${String.fromCharCode(c.charCodeAt(0) + 0xfee0)}]` : escape(c))) + "[\\s\\u3000]*").join("");
  const m = new RegExp(pattern).exec(raw);
  return m ? squash(m[0]) : title;
}

/** A notice naming several enclosed documents: "《A》和《B》…印发给你们", or an 附件 list "附件:1.A" followed by "2.B". */
function severalEnclosed(lines: string[], adjacent = false): boolean {
  // "《A》和《B》"; with `adjacent`, also "《A》《B》" (衢州 2021)
  const names = adjacent ? /《[^》]{2,80}》(?:[和及与、]?《[^》]{2,80}》)+/ : /《[^》]{2,80}》(?:[和及与、]《[^》]{2,80}》)+/;
  if (lines.some((l) => new RegExp(names.source + `[^《》]{0,30}(?:印发|转发)给?你们`).test(l))) return true;
  const list = lines.findIndex((l) => /^附件[:：]1[.、．]/.test(l));
  if (list < 0 || !/^2[.、．]/.test(lines[list + 1] ?? "")) return false;
  // "…六、考核制度 / … / 附件：1、罗店镇市容环境管理领导小组； / 2、… / 3、…" (上海 罗店镇 2020, tests/data/unseen13a, no headline;
  // 上海 2025 大件运输 实施方案, unseen12a, "…四、… / 附件：1．…申请材料清单 / 2．…"): a list closing numbered items is the document's own
  // list of annexes at its end (a short text's end falls within the head lines), not a wrapper handing over several documents
  if (lines.slice(0, list).some((l) => parseLabel(l)?.type === "zh")) return false;
  // "现将《幼儿园建设工程实施方案》印发你们" / "附件：1、幼儿园建设工程实施方案 / 2、工作专班名单" (河北 2019): the wrapper hands
  // over entry 1 alone; the entries after it are forms to fill in
  const handed = lines.map((l) => /《([^《》]{2,80})》[^《》]{0,30}(?:印发|转发)给?你们/.exec(l)?.[1]).find(Boolean);
  return handed !== lines[list].replace(/^附件[:：]1[.、．]/, "");
}

const SELF_PLACE = new RegExp(`^(?:${titleWords.selfPlaceOpeners.join("|")})`);
/** A bare enclosed name opening with 本区/本市/本县: the printed title line ending with the rest of it (no clause marks, no 《》), else the name. */
function printedForSelfPlace(name: string, lines: string[], headline: string): string {
  const opener = SELF_PLACE.exec(name)?.[0];
  if (!opener) return name;
  const rest = name.slice(opener.length);
  const line = lines.find((l) => l !== headline && l.length > rest.length && l.length <= rest.length + 12 && l.endsWith(rest) && !/[，,。；;：:《》]/.test(l));
  return line ?? name;
}
