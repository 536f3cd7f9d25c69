// An attachment's head run into the lines around it: a notice's "附件：<title>" run on after its last sentence and before
// the signature, and the attachment itself, "附件：<title>" or "附件<title>", run on after the signature's date and into
// its own first paragraph. 河北 冀减负〔2015〕1号 (tests/data/unseen9a, no separator anywhere): "…请认真贯彻落实。附件：河北省小微企业
// 降费工作方案河北省减轻企业负担领导小组2015年4月8日附件：河北省小微企业降费工作方案小微企业是吸纳就业的重要渠道，…";
// 河北 冀工信企业函〔2022〕611号 (the same crawl): "河北省工业和信息化厅　　2022年9月28日　　　　附件河北省优质中小企业梯度培育
// 管理实施细则　　　　第一章 总则". The attachment comes out as "附件" / "<title>" (a path segment, contract), the notice's
// entry as one line, the signer and the date each a line of their own.
import { DAY, FULL_DATE, SIGNER_END } from "./signature.ts";
import titleWords from "../data/title-words.json" with { type: "json" };

const HEAD = /附\s*件\s*[:：]?/g;
const DATE_END = new RegExp(`${DAY}$`);
const DATE_START = new RegExp(`^${DAY}`);
const TITLE_WORD = new RegExp(`(?:${titleWords.attachmentTitle.join("|")})(?:[(（][^()（）]{2,20}[)）])?`, "g");
const SIGNER_DATE = new RegExp(String.raw`^[\u4e00-\u9fff]{2,40}?${SIGNER_END}(?=${DAY})`);
const CLAUSE = /[，,。；;：:！!？?]/;

/** The title an attachment head names: one the line prints in 《》, else one followed by a signer and date, else (after a date) the longest. */
function titleAfter(rest: string, line: string, afterDate: boolean): string | null {
  if (/^\d/.test(rest)) return null; // "附件：1.…": a numbered list of enclosures (outline.ts)
  const clause = rest.slice(0, 80).split(CLAUSE)[0];
  const ends: number[] = [];
  TITLE_WORD.lastIndex = 0;
  for (let m; (m = TITLE_WORD.exec(clause)); ) if (m.index + m[0].length >= 6) ends.push(m.index + m[0].length);
  if (ends.length === 0) return null;
  const quoted = [...line.matchAll(/《([^《》]{4,80})》/g)].map((m) => m[1]);
  const named = ends.filter((e) => quoted.includes(clause.slice(0, e)));
  if (named.length > 0) return clause.slice(0, Math.max(...named));
  const signed = ends.filter((e) => SIGNER_DATE.test(rest.slice(e)));
  if (signed.length > 0) return clause.slice(0, signed[0]);
  if (afterDate && ends[ends.length - 1] === clause.length) return clause;
  return null;
}

export function splitAttachmentHeads(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const prev = out.length > 0 ? out[out.length - 1].trim() : "";
    const cuts: number[] = [];
    const heads: { at: number; body: number }[] = []; // an attachment itself: "附件" is cut from its title
    HEAD.lastIndex = 0;
    for (let m; (m = HEAD.exec(line)); ) {
      const before = line.slice(0, m.index).replace(/[\s\u3000]+$/, "");
      const afterDate = before === "" ? FULL_DATE.test(prev) : DATE_END.test(before);
      if (!afterDate && !/[。；;！!]$/.test(before)) continue;
      const body = m.index + m[0].length;
      const rest = line.slice(body).replace(/^[\s\u3000]+/, "");
      const title = titleAfter(rest, line, afterDate);
      if (!title) continue;
      const end = body + (line.length - body - rest.length) + title.length;
      if (m.index > 0) cuts.push(m.index);
      if (afterDate) heads.push({ at: m.index, body });
      if (end < line.length) cuts.push(end);
      const signer = SIGNER_DATE.exec(line.slice(end))?.[0];
      const date = signer ? DATE_START.exec(line.slice(end + signer.length))?.[0] : undefined;
      if (signer && date) cuts.push(end + signer.length, end + signer.length + date.length);
    }
    if (cuts.length === 0 && heads.length === 0) {
      out.push(raw);
      continue;
    }
    for (const h of heads) cuts.push(h.body);
    const sorted = [...new Set(cuts)].filter((c) => c > 0 && c < line.length).sort((a, b) => a - b);
    let from = 0;
    for (const c of [...sorted, line.length]) {
      const part = line.slice(from, c).trim();
      if (part) out.push(part);
      from = c;
    }
  }
  return out;
}
