// Document metadata: title, 文号, 发布机构, 成文日期, 发布日期, region. Pure functions over the document's text.
import type { Region } from "../schema.ts";
import { regionFromBody, regionFromDocNumber, resolveRegion } from "./regions.ts";
import { parseLabel } from "../structure/labels.ts";
import { dayNumber, iso as isoDate, monthNumber, validDay, yearNumber } from "./deadlines/dates.ts";
import ABBR from "../data/province-abbreviations.json" with { type: "json" };

export interface Metadata {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  region: Region;
  issuedDate: string | null;
  publishedDate: string | null;
}

const DOC_NO = /[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,5}\s*号/;
const ISO = /(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?/;
const ORG = /(办公厅|办公室|人民政府|委员会|领导小组|部门|局|厅|委|办|部|署|院|会|中心|支行|政府)$/;
const NATIONAL = /^(国务院|中共中央|全国|国家|中国人民银行|中国银保监会|中国证监会|财政部|科技部|工业和信息化部|教育部|商务部|人力资源社会保障部|自然资源部|生态环境部|发展改革委|国家发展改革委)/;
// "X关于印发《…》的通知", "X关于…的实施意见": at most 40 characters of issuer before 关于.
const HEADLINE = /[^《》:：,，。;；\s]{0,40}关于[^《》]{0,60}?(《[^》]{2,80}》[^《》。]{0,20}?)*(通知|意见|方案|办法|规划|计划|细则|决定|规定|措施|纲要|若干政策|条例|指引|指南|公告|通告|批复)$/;
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
const TITLE_END = /(通知|意见|方案|办法|规划|计划|细则|决定|规定|措施|纲要|若干政策|条例|指引|指南|公告|通告|批复)$/;

function iso(m: RegExpExecArray | null): string | null {
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Value of a labelled field ("发布机构:X", "发布机构 X"), up to white space. */
function field(text: string, label: string): string | null {
  // "发布机构:X", "发布机构 X", and a Markdown table row "| 发布机构 | 江苏省人民政府 |"
  const re = new RegExp(`(?:^|[\\s•·|-])${label}\\s*[:：|｜]?[ \\t\\u3000|]*([^\\s|]+)`, "m");
  const m = re.exec(text);
  return m ? m[1].trim() : null;
}

function fieldDate(text: string, labels: string[]): string | null {
  for (const l of labels) {
    const re = new RegExp(`${l}\\s*[:：|｜]?[\\s|]*(\\d{4}\\s*[-./年]\\s*\\d{1,2}\\s*[-./月]\\s*\\d{1,2})`);
    const m = re.exec(text);
    if (m) return iso(ISO.exec(m[1]));
  }
  return null;
}

function squash(s: string): string {
  return s.replace(/[\s\u3000]+/g, "");
}

/**
 * @param raw  text before chrome removal (web metadata blocks live there), white space as loaded
 * @param repaired  repaired text (one paragraph per line)
 * @param preamble  repaired lines before the first numbered item
 * @param closing  repaired lines after the body (signature, date, 抄送)
 */
export function extractMetadata(raw: string, repaired: string, preamble: string, closing: string): Metadata {
  // a portal's toolbar (拼音 / 辅助浏览 / 读屏 …, one short word a line) at the top does not use up the head (随州 2024)
  const lines = repaired.split("\n");
  let toolbar = 0;
  while (toolbar < lines.length && /^[\u4e00-\u9fff]{1,8}$/.test(lines[toolbar].trim())) toolbar++;
  const head = lines.slice(0, 40 + (toolbar >= 10 ? toolbar : 0));
  const rawHead = raw.split(/\r?\n/).slice(0, 60).join("\n");

  // Headline: the line that announces the document ("…关于印发《…》的通知", "…关于…的实施意见").
  let headline: string | null = null;
  let headlineIssuers: string[] = [];
  // "【规范性文件】长沙市人民政府办公厅关于印发…的通知": a portal's column tag before the headline is not part of it
  // "名 称: | 市人民政府办公室关于印发…的通知 |" (六盘水 2022): a portal block's 名称 cell holds the headline
  // "湖南省人民政府关于…的意见-湖南省人民政府门户网站" (湖南 2019): a page title's site name is no part of the headline
  const squashed = head.map((l) => squash(l).replace(/^【[^】]{1,10}】/, "").replace(NAME_CELL, "").replace(/[|｜]+$/, "")).map(withoutSiteName);
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
    const m = (over ? HEADLINE.exec(over) : null) ?? (split ? HEADLINE.exec(l + next) : null) ?? HEADLINE.exec(l);
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
    title = /印发|转发|发布/.test(headline) && enclosed.length === 1 ? enclosed[0] : headline;
    // "关于印发《2024年省〈政府工作报告〉重点工作分工方案》的通知" (辽宁 2024): 〈〉 inside 《》 stand for the title's own 《》
    if (title !== headline) title = title.replace(/〈([^〈〉]{1,40})〉/g, "《$1》");
    // "…关于印发促进科技成果转移转化行动方案的通知": the enclosed title printed without 《》.
    const bare = enclosed.length === 0 ? /关于(?:印发|转发)(.{4,60}?)的通知$/.exec(headline) : null;
    // the enclosed document may also be a 工作要点, a 清单 or a 责任分解 ("…关于印发运城市…规划责任分解的通知")
    if (bare && (TITLE_END.test(bare[1]) || /(?:要点|清单|分解|分工)$/.test(bare[1]))) title = bare[1];
    // "…关于印发2018年省《政府工作报告》涉及我市工作任务责任分解方案的通知": the 《》 is part of the enclosed name.
    const holding = enclosed.length === 1 ? /关于(?:印发|转发)(.{2,80}?)(?:的通知)?$/.exec(headline) : null;
    if (holding && holding[1].replace(/《[^》]*》/, "").length >= 2 && (TITLE_END.test(holding[1]) || /(?:要点|清单|分解|分工)$/.test(holding[1])))
      title = holding[1];
  }
  // "天津市人民政府办公厅印发关于促进我市开发区改革和创新发展实施方案的通知": a 印发 notice without 《》 whose
  // enclosed title is not cut out above; the wrapper's 《…》 names it as printed.
  const uncut = title !== null && title === headline && /(?:印发|转发|批转)[^《》]{4,}的通知$/.test(title);
  // "《A》和《B》已经市政府同意，现印发给你们" / "附件:1.A / 2.B" with no headline (湖州 2020): a notice enclosing several
  // documents is titled by its headline only; none is printed, so no title is taken from the wrapper or the body
  const noTitle = !headline && severalEnclosed(head.map(squash));
  if ((!title || uncut) && !noTitle) {
    // "《X》已经市政府同意，现印发给你们" / "现将《X》印发给你们": the wrapper names the enclosed document.
    for (const l of head.map(squash)) {
      // "省政府同意省发展改革委《X》，现转发给你们" (a 批转 notice)
      // "现将《X》印发你们" (广元 2024: 给 left out)
      const m = /《([^》]{4,80})》(?:已经[^，,。]{0,20}同意)?[，,]?现?(?:印发|转发)给?你们/.exec(l) ?? /现将《([^》]{4,80})》(?:印发|转发)给?你们/.exec(l);
      if (m) { title = m[1]; break; }
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
    const lines = head.map(squash).map((l) => l.replace(/^【[^】]{1,10}】/, "")).map((l) => /^《([^《》]{4,80})》$/.exec(l)?.[1] ?? l);
    // "市政府工作报告重点工作责任分解(2023年)" (丽水 2023): a 分解/分工/要点/清单 too, a closing bracketed year read over.
    const ends = (l: string) => { const b = l.replace(/[(（][^()（）]{0,12}年[)）]$/, ""); return TITLE_END.test(b) || /(?:要点|清单|分解|分工)$/.test(b); };
    const at = lines.findIndex((l) => l.length >= 6 && l.length <= 60 && ends(l) && !parseLabel(l) && !/^附件/.test(l));
    title = at >= 0 ? lines[at].replace(/^附件\d*[:：]/, "") : null;
    // A title set over two lines: "立山区政府2023年重点工作" / "任务分解和责任分工方案".
    const prev = at > 0 ? lines[at - 1] : "";
    if (title && prev.length >= 2 && prev.length <= 40 && prev.length + title.length <= 80 && !/[，,。；;：:、]/.test(prev) &&
      !TITLE_END.test(prev) && !ORG.test(prev) && !DOC_NO.test(prev) && !ISO.test(prev) && !parseLabel(prev) && !/^附件|文件$/.test(prev) &&
      !/^[(（][^)）]*[)）]$/.test(prev) && // "(此件主动公开)" above the enclosed title is a note, not its first line
      !/[>»]/.test(prev)) // ">> 专题专栏 >> 归档专题 >> …" (丽水 2023): a page's breadcrumb
      title = prev + title;
  }

  // "郧阳区人民政府关于分解落实…的通知" … "附件:2023年区政府工作目标任务落实责任分解表" … "附件" / the same name: a notice
  // dispatching one attachment printed after it takes that attachment's title (郧阳 2023), as a 印发 notice does
  if (title !== null && /的通知$/.test(title) && !/印发|转发|批转|发布/.test(title)) {
    const one = repaired.split("\n", 120).map(squash).map((l) => /^附件[:：](?!\d{1,2}[.、．])([^:：,，。;；]{4,60})$/.exec(l)?.[1]).filter(Boolean) as string[];
    if (one.length === 1 && repaired.split("\n").some((l) => squash(l) === one[0])) title = one[0];
  }
  // 文号: a labelled field, else a line that is only a document number.
  let docNumber: string | null = null;
  const labelled = /(?:文\s*号|发文字号|文件号|文件编号)\s*[:：|｜]?([^\n]*)/.exec(rawHead)?.[1] ?? null;
  if (labelled && DOC_NO.test(squash(labelled))) docNumber = DOC_NO.exec(squash(labelled))![0];
  if (!docNumber) {
    const line = head.map(squash).find((l) => DOC_NO.test(l) && l.replace(DOC_NO, "").length <= 2);
    // A 文号 run into the next line ("国办发〔2016〕28号各省、自治区…").
    const leading = head.map(squash).map((l) => new RegExp(`^${DOC_NO.source}`).exec(l)).find(Boolean);
    // "2021年县政府重点工作任务(华政发〔2021〕2号)": a 文号 in brackets closing a head line
    const closingNo = head.map(squash).map((l) => new RegExp(`[(（](${DOC_NO.source})[)）]$`).exec(l)).find(Boolean);
    if (line) docNumber = DOC_NO.exec(line)![0];
    else if (leading) docNumber = leading[0];
    else if (closingNo) docNumber = closingNo[1];
    else if (title) {
      // The 文号 printed right after the title.
      const first = head.map(squash).find((l) => l.includes(title!));
      const m = first ? new RegExp(`^${DOC_NO.source}`).exec(first.slice(first.indexOf(title) + title.length)) : null;
      if (m) docNumber = m[0];
    }
  }
  if (docNumber) docNumber = squash(docNumber).replace(/[\[［]/, "〔").replace(/[\]］]/, "〕");

  // 发布机构: labelled, else the headline's issuer, else the "X文件" masthead, else the signature.
  let issuer = field(rawHead, "发布机构") ?? field(rawHead, "发文机关") ?? field(rawHead, "发文单位"); // 发文单位: 郧阳 2023
  if (issuer && !ORG.test(issuer)) issuer = null;
  if (!issuer && headline) {
    const m = /^(.+?)关于/.exec(headline);
    // "河北省教育厅等十二部门": the first issuer names the joint document; so does the first of issuers set side by
    // side ("成都市发展和改革委员会 中共成都市委社会工作部 … 关于印发…的通知").
    if (headlineIssuers.length > 1) issuer = headlineIssuers[0];
    else if (m && ORG.test(m[1])) issuer = m[1].replace(/等[一二三四五六七八九十\d]{1,3}(?:个)?(?:部门|单位|部委)$/, "");
    // "中共嵊泗县委办公室嵊泗县人民政府办公室关于印发…" signed "中共嵊泗县委办公室  嵊泗县人民政府办公室" (嵊泗 2021): issuers run
    // together in the headline are told apart by the signature printed side by side; the first issues
    const signed = issuer ? raw.split("\n", 200).map(jointIssuers).find((p) => p.length > 1 && p.join("") === issuer) : undefined;
    if (signed) issuer = signed[0];
  }
  if (!issuer) {
    // the masthead names a body ("山西省人民政府办公厅文件"); a page's "相关文件" link names none (后湖 2025)
    const mast = head.map(squash).find((l) => /^.{2,30}文件$/.test(l) && ORG.test(l.replace(/文件$/, "")));
    if (mast) issuer = mast.replace(/文件$/, "");
  }
  // "…对有明确时间节点的重许昌市人民政府文件许政〔2020〕21号大工作…" (许昌 2020): a masthead and its 文号 run into a
  // line; the body's name starts at the 文号's first character (许政 → 许昌市人民政府)
  if (!issuer) issuer = runInMasthead(head.map(squash));
  const closingLines = closing.split("\n").map(squash).filter(Boolean);
  // The signature (of the document, else of the notice wrapper): issuer lines above a date; the first signs first.
  issuer ??= firstSigner(closingLines) ?? firstSigner(preamble.split("\n").map(squash)) ?? newsIssuer;

  // the page's "来源:华容县政府" (or "信息来源: 丽水市政府") comes last: the publisher, when nothing of the document names a place
  let region = NATIONAL.test(issuer ?? "") ? resolveRegion([]) : resolveRegion([issuer, title, headline, docNumberPlace(docNumber), field(rawHead, "来源") ?? field(rawHead, "信息来源")]);
  // No place in the head: the body's own references (全省 … 山东, 全市 … 济南).
  if (!region.province && !region.city && !NATIONAL.test(issuer ?? "")) {
    region = regionFromDocNumber(docNumber, repaired);
    if (!region.province) region = regionFromBody(repaired);
  }
  // Joint issue across levels ("上海市科学技术委员会" and "上海市杨浦区人民政府" sign): the plan is the most specific
  // co-signer's, where that place lies inside the first signer's.
  for (const other of coSigners(closingLines) ?? coSigners(preamble.split("\n").map(squash)) ?? []) {
    const r = resolveRegion([other]);
    const inside = r.province === region.province && (!region.city || r.city === region.city) && (!region.county || r.county === region.county);
    if (region.province && inside && rank(r) > rank(region)) region = r;
  }
  if (issuer && /^[市县区]/.test(issuer)) {
    const place = issuer[0] === "市" ? region.city : region.county ?? region.city;
    if (place) issuer = place + issuer.slice(1);
  }

  // Dates: labelled fields first, then the signature date (成文) and the 印发 date (发布).
  let issuedDate = fieldDate(rawHead, ["成文日期", "发文日期", "制发日期"]);
  let publishedDate = fieldDate(rawHead, ["发布日期", "发布时间", "生成日期", "公开日期"]);
  const signDate = closingLines.find((l) => ISO.test(l) && !/印发$/.test(l) && l.replace(ISO, "").length === 0);
  const printDate = closingLines.find((l) => /^\d{4}年\d{1,2}月\d{1,2}日印发$/.test(l));
  // "济南市人民政府办公厅 2019年1月3日印发": the printing office and date on one line.
  const printLine = closingLines.map((l) => /^(.{2,40}?)(\d{4}年\d{1,2}月\d{1,2}日)印发$/.exec(l)).find((m) => m && ORG.test(m[1]));
  if (!issuer && printLine) issuer = printLine[1];
  if (!issuedDate && signDate) issuedDate = iso(ISO.exec(signDate));
  if (!issuedDate) {
    // The notice wrapper's own date, before the enclosed document starts.
    const wrapDate = preamble.split("\n").map(squash).find((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l));
    if (wrapDate) issuedDate = iso(ISO.exec(wrapDate));
  }
  if (!issuedDate) {
    // "川办函〔2017〕113号 2017年6月2日" (四川 2017, a gazette copy): the 文号 and the 成文 date on one head line
    const numbered = head.map(squash).map((l) => new RegExp(`^${DOC_NO.source}(\\d{4}年\\d{1,2}月\\d{1,2}日)$`).exec(l)).find(Boolean);
    if (numbered) issuedDate = iso(ISO.exec(numbered[1]));
  }
  // "甘肃省人民政府 / 二○一二年四月二十八日": a signature date written in Chinese numerals.
  if (!issuedDate) issuedDate = [...closingLines, ...preamble.split("\n").map(squash)].map(chineseDateLine).find(Boolean) ?? null;
  if (!publishedDate && printDate) publishedDate = iso(ISO.exec(printDate));
  if (!publishedDate && printLine) publishedDate = iso(ISO.exec(printLine[2]));
  if (!publishedDate) {
    const stamp = /(\d{4}-\d{1,2}-\d{1,2})\s+\d{1,2}:\d{2}/.exec(rawHead);
    if (stamp) publishedDate = iso(ISO.exec(stamp[1]));
  }
  if (!publishedDate) {
    // "来源:    时间:2020年10月16日" (海东 2020), "2026年01月30日来源:市政府办公厅" (沈阳 2026): a page's date line
    const dated = /^[\s•·*-]*(?:来源\s*[:：][^\S\n]*(?:[^\s:：]+[^\S\n]+)?)?(?:时间|日期)\s*[:：]\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*$/m.exec(rawHead) ??
      /^[\s•·*-]*(\d{4}年\d{1,2}月\d{1,2}日)\s*来源\s*[:：]/m.exec(rawHead);
    if (dated) publishedDate = iso(ISO.exec(dated[1]));
  }
  if (!publishedDate) {
    // A page's own "• 时间:2012-04-28" line (甘肃经济信息网) above the document.
    const labelled = /^[\s•·*-]*(?:时间|日期)\s*[:：]\s*(\d{4}-\d{1,2}-\d{1,2})\s*$/m.exec(rawHead);
    if (labelled) publishedDate = iso(ISO.exec(labelled[1]));
  }
  return { title: title && asWritten(title, raw), docNumber, issuer, region, issuedDate, publishedDate };
}

/** The title as the original prints it (full-width brackets and digits kept), white space removed. */
/** "二○一二年四月二十八日" alone on its line → 2012-04-28. */
// Also in brackets, with Latin O for 〇: 宝山 宝府办〔2008〕18号 "(二OO八年二月二十六日)" above its 文号.
function chineseDateLine(line: string): string | null {
  const l = (/^[(（].*[)）]$/.test(line) ? line.slice(1, -1) : line).replace(/[OＯ]/g, "〇");
  const m = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十〇○]{1,3})日$/.exec(l);
  if (!m) return null;
  const [y, mo, d] = [yearNumber(m[1]), monthNumber(m[2]), dayNumber(m[3])];
  return validDay(y, mo, d) ? isoDate(y, mo, d) : null;
}

function asWritten(title: string, raw: string): string {
  const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const WIDE: Record<string, string> = { "(": "[(（]", ")": "[)）]" };
  const pattern = [...title.slice(0, 120)].map((c) => (WIDE[c] ?? (/[0-9A-Za-z]/.test(c) ? `[${c}${String.fromCharCode(c.charCodeAt(0) + 0xfee0)}]` : escape(c))) + "[\\s\\u3000]*").join("");
  const m = new RegExp(pattern).exec(raw);
  return m ? squash(m[0]) : title;
}


/** Issuers printed side by side before 关于, separated by spaces, each a body: all of them, else []. */
function jointIssuers(line: string): string[] {
  // "中共黑龙江省委办公厅 黑龙江省人民政府办公厅" on its own line above "关于印发…的通知" (黑龙江 2025): the whole line
  const k = line.indexOf("关于");
  const parts = (k < 0 ? line : line.slice(0, k)).trim().split(/[\s\u3000]+/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => p.length >= 4 && p.length <= 30 && ORG.test(p)) ? parts : [];
}

/** A notice naming several enclosed documents: "《A》和《B》…印发给你们", or an 附件 list "附件:1.A" followed by "2.B". */
function severalEnclosed(lines: string[]): boolean {
  if (lines.some((l) => /《[^》]{2,80}》(?:[和及与、]《[^》]{2,80}》)+[^《》]{0,30}(?:印发|转发)给?你们/.test(l))) return true;
  const list = lines.findIndex((l) => /^附件[:：]1[.、．]/.test(l));
  return list >= 0 && /^2[.、．]/.test(lines[list + 1] ?? "");
}

/** The body of a "X文件" masthead run into a line right before a 文号, cut where the 文号's first character starts it. */
function runInMasthead(lines: string[]): string | null {
  const re = new RegExp(`([\u4e00-\u9fff]{2,30})文件(${DOC_NO.source})`);
  for (const l of lines) {
    const m = re.exec(l);
    if (!m) continue;
    const at = m[1].indexOf(m[2][0]);
    const body = at >= 0 ? m[1].slice(at) : "";
    if (body.length >= 4 && ORG.test(body)) return body;
  }
  return null;
}

function firstSigner(lines: string[]): string | null {
  return coSigners(lines)?.[0] ?? null;
}

/** The signature block: issuer lines above a date, the first signs first; null when there is none. */
function coSigners(lines: string[]): string[] | null {
  const isSigner = (l: string) => l.length <= 30 && ORG.test(l) && !/[，,。；;：:]/.test(l);
  const d = lines.findIndex((l, i) => i > 0 && /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l) && isSigner(lines[i - 1]));
  if (d < 0) return null;
  let i = d - 1;
  while (i > 0 && isSigner(lines[i - 1])) i--;
  return lines.slice(i, d);
}

function rank(r: Region): number {
  return r.county ? 3 : r.city && r.city !== r.province ? 2 : r.province ? 1 : 0;
}

function docNumberPlace(docNumber: string | null): string | null {
  if (!docNumber) return null;
  // Municipalities' abbreviations stand alone (沪科合); a province's only before 政 (晋政办发, not 苏府 of 苏州).
  const m = /^(.)(政)?/.exec(docNumber)!;
  const place = (ABBR as Record<string, string>)[m[1]];
  return place && (m[2] || /^(北京|天津|上海|重庆)市$/.test(place)) ? place : null;
}
