// 成文日期 and 发布日期: labelled fields first, then the signature date (成文) and the 印发 date (发布), then a page's date line.
import { dayNumber, iso as isoDate, monthNumber, validDay, yearNumber } from "../deadlines/dates.ts";
import { DOC_NO, enclosureRunIn, ISO, ORG, PLACED, iso, squash } from "./common.ts";
import { runInSignature } from "./issuer.ts";
import words from "../../data/metadata-words.json" with { type: "json" };

const DRAFT = new RegExp(words.draftMarks.join("|"));

export interface Dates {
  issuedDate: string | null;
  publishedDate: string | null;
  /** "济南市人民政府办公厅 2019年1月3日印发": the printing office, an issuer of last resort. */
  printIssuer: string | null;
}

/**
 * @param endLines  the text's last lines whatever came before them: the 版记's 印发 line closes a document after its attachments
 *   (GB/T 9704: 附件 before 版记), "…附表 … / 上海市嘉定区水务局办公室 2025年9月9日印发" (嘉定 2025 河湖泵闸)
 */
export function readDates(head: string[], rawHead: string, closingLines: string[], preamble: string, tailLines: string[], issuer: string | null = null, endLines: string[] = []): Dates {
  let issuedDate = fieldDate(rawHead, ["成文日期", "发文日期", "制发日期"]);
  let publishedDate = fieldDate(rawHead, ["发布日期", "发布时间", "生成日期", "公开日期"]);
  if (!issuedDate && issuer) issuedDate = issuerSignatureDate(issuer, [...preamble.split("\n").map(squash).filter(Boolean), ...closingLines]);
  const signDate = closingLines.find((l) => ISO.test(l) && !/印发$/.test(l) && l.replace(ISO, "").length === 0);
  const printDate = closingLines.find((l) => /^\d{4}年\d{1,2}月\d{1,2}日印发$/.test(l));
  // "济南市人民政府办公厅 2019年1月3日印发": the printing office and date on one line.
  const printLine = [...closingLines, ...endLines].map((l) => /^(.{2,40}?)(\d{4}年\d{1,2}月\d{1,2}日)印发$/.exec(l)).find((m) => m && ORG.test(m[1]));
  const printIssuer = printLine ? printLine[1] : null;
  if (!issuedDate && signDate) issuedDate = iso(ISO.exec(signDate));
  if (!issuedDate) {
    // The notice wrapper's own date, before the enclosed document starts.
    const wrapDate = preamble.split("\n").map(squash).find((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l));
    if (wrapDate) issuedDate = iso(ISO.exec(wrapDate));
  }
  if (!issuedDate) {
    // "河北省人民政府办公厅" / "2023年10月7日河北省支持…的若干措施" (河北 2023): the signature date run into the next line, in the
    // closing, the notice wrapper, or left at the end of the last item's text
    for (const lines of [closingLines, preamble.split("\n").map(squash), tailLines]) {
      const signed = runInSignature(lines);
      if (signed) { issuedDate = iso(ISO.exec(signed.date)); break; }
    }
  }
  if (!issuedDate) {
    // "…请结合实际认真组织实施。河北省人民政府办公厅2023年11月18日为贯彻落实…" (河北 2023, a whole text on one line): the
    // wrapper's signature run in between two sentences of the preamble
    const signed = preamble.split("\n").map(squash).map(inlineSignatureDate).find(Boolean);
    if (signed) issuedDate = signed;
  }
  if (!issuedDate) {
    // "…附件:X常熟市人民政府办公室2018年2月24日X" (常熟 2018, run together): the signature between the enclosure line and its title
    const runIn = preamble.split("\n").map(squash).map(enclosureRunIn).find(Boolean);
    if (runIn) issuedDate = iso(ISO.exec(runIn.date));
  }
  if (!issuedDate) {
    // "川办函〔2017〕113号 2017年6月2日" (四川 2017, a gazette copy): the 文号 and the 成文 date on one head line
    const numbered = head.map(squash).map((l) => new RegExp(`^${DOC_NO.source}(\\d{4}年\\d{1,2}月\\d{1,2}日)$`).exec(l)).find(Boolean);
    if (numbered) issuedDate = iso(ISO.exec(numbered[1]));
  }
  if (!issuedDate) {
    // "深圳市人民政府 / 关于进一步加强就业再就业工作的意见 / (2006年5月15日) / 深府〔2006〕78号" (深圳 2006, a gazette copy): a
    // bracketed date alone on a head line; a draft's ("(征求意见稿V2.2)" / "(2015年9月15日)", 杭州 2015) is no 成文日期
    const lines = head.map(squash);
    const bracketed = lines.some((l) => DRAFT.test(l)) ? null : lines.map((l) => /^[(（](\d{4}年\d{1,2}月\d{1,2}日)[)）]$/.exec(l)).find(Boolean);
    if (bracketed) issuedDate = iso(ISO.exec(bracketed[1]));
  }
  // "甘肃省人民政府 / 二○一二年四月二十八日": a signature date written in Chinese numerals.
  if (!issuedDate) issuedDate = [...closingLines, ...preamble.split("\n").map(squash)].map(chineseDateLine).find(Boolean) ?? null;
  // "…现印发给你们，请…认真贯彻执行。二〇〇六年八月十四日（２００６-２００７年）为认真贯彻…" (河北 2006, a whole text on one line):
  // the wrapper's date run on after its hand-over sentence, also where the page's spaces broke the line there
  // ("…请认真贯彻落实。　　二〇〇四年六月一日省安委办　　为加强…", 河北 2004)
  if (!issuedDate) issuedDate = handOverDate(preamble.split("\n").map(squash).join(""));
  if (!publishedDate && printDate) publishedDate = iso(ISO.exec(printDate));
  if (!publishedDate && printLine) publishedDate = iso(ISO.exec(printLine[2]));
  if (!publishedDate) {
    const stamp = /(\d{4}-\d{1,2}-\d{1,2})\s+\d{1,2}:\d{2}/.exec(rawHead);
    if (stamp) publishedDate = iso(ISO.exec(stamp[1]));
  }
  if (!publishedDate) {
    // "2020年07月24日18:20:25" (福建 闽政文〔2006〕562号, a re-post): a page's date stamp with its time, on a line of its own
    const stamp = /^\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2}(?::\d{2})?\s*$/m.exec(rawHead);
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
    // "来源:原创     日期:2014-08-11" (深圳 创造深圳质量 行动计划, a re-post): the same line after the page's 来源
    const labelled = /^[\s•·*-]*(?:来源\s*[:：][^\S\n]*(?:[^\s:：]+[^\S\n]+)?)?(?:时间|日期)\s*[:：]\s*(\d{4}-\d{1,2}-\d{1,2})\s*$/m.exec(rawHead);
    if (labelled) publishedDate = iso(ISO.exec(labelled[1]));
  }
  return { issuedDate, publishedDate, printIssuer };
}

/**
 * A signature inside a line: a sentence end, a body named with its place (PLACED, ending as a body does), then a date that
 * no deadline word follows (RUN_IN_DATE's rule); the date, else null.
 */
export function inlineSignatureDate(line: string): string | null {
  const re = /。([^。，,；;：:、（）()《》“”\d]{4,30}?)(\d{4}年\d{1,2}月\d{1,2}日)(?![前之以止起后至到—\-~、，,。；;]|$)/g;
  for (const m of line.matchAll(re)) if (PLACED.test(m[1]) && ORG.test(m[1])) return iso(ISO.exec(m[2]));
  return null;
}

function fieldDate(text: string, labels: string[]): string | null {
  for (const l of labels) {
    const re = new RegExp(`${l}\\s*[:：|｜]?[\\s|]*(\\d{4}\\s*[-./年]\\s*\\d{1,2}\\s*[-./月]\\s*\\d{1,2})`);
    const m = re.exec(text);
    if (m) return iso(ISO.exec(m[1]));
  }
  return null;
}

const HAND_OVER = new RegExp(
  `(?:${words.wrapperHandOver.join("|")})[^。]*。([〇○OＯ零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十〇○]{1,3}日)(?![前之以止起后至到—\\-~、，,。；;]|$)`,
);
function handOverDate(line: string): string | null {
  const m = HAND_OVER.exec(line);
  return m ? chineseDateLine(m[1]) : null;
}

/**
 * "上海市人民政府 / 2013年7月31日" over the 批转 wrapper, "上海市财政局 / 2013年7月12日" under the enclosed 意见 (上海 沪府发〔2013〕57号);
 * "河北省人民政府办公厅 / 2018年7月6日" under the notice a 教育厅 transmittal forwards (河北 冀政办字〔2018〕108号): the date under the
 * issuer's own signature line is the issuedDate, wherever that signature stands (the first such line with a date under it).
 */
function issuerSignatureDate(issuer: string, lines: string[]): string | null {
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i] !== issuer) continue;
    const next = lines[i + 1];
    const date = ISO.test(next) && next.replace(ISO, "").length === 0 ? iso(ISO.exec(next)) : chineseDateLine(next);
    if (date) return date;
  }
  return null;
}

/** "二○一二年四月二十八日" alone on its line → 2012-04-28. */
// Also in brackets, with Latin O for 〇: 宝山 宝府办〔2008〕18号 "(二OO八年二月二十六日)" above its 文号.
function chineseDateLine(line: string): string | null {
  const l = (/^[(（].*[)）]$/.test(line) ? line.slice(1, -1) : line).replace(/[OＯ]/g, "〇");
  const m = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十〇○]{1,3})日$/.exec(l);
  if (!m) return null;
  const [y, mo, d] = [yearNumber(m[1]), monthNumber(m[2]), dayNumber(m[3])];
  return validDay(y, mo, d) ? isoDate(y, mo, d) : null;
}
