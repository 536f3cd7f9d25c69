// A notice's list of enclosures under a bare "附件：" line (docs/labelling.md, "a bare 附件： over its numbered enclosures"):
// "附件： / 1.古美路街道独居老人排摸统计表 / 2.… / 3.… / 4.…" at the end of 闵古办〔2022〕20号 (tests/data/unseen12d); a health-service
// spec on GitHub "附件： / 1.老年人中医药健康管理服务记录表 / 2.体质判定标准表"; a notice fixture on GitHub "特此通知。 / 附件： / 1.附件一 /
// 2.附件二 / 3.附件三 / 北京航空航天大学 / 2025年3月3日". The entries name enclosures, they are no items of an attachment.
import { isDateLine, parseAttachment, parseLabel } from "./labels.ts";

const BARE_HEAD = /^附\s*件\s*[:：]\s*$/;
const CLAUSE = /[。；;，,：:]/;

/**
 * Is lines[i] a bare "附件：" over two or more entries numbered 1., 2., … (each one line, no clause), after which the text ends,
 * an attachment of its own starts ("附件1"), `signed(j)` says the signature starts, or a short line stands over a date line? An attachment whose own text follows
 * (a title line, a paragraph) is not such a list.
 */
export function enclosureListHead(lines: string[], i: number, signed: (j: number) => boolean): boolean {
  if (!BARE_HEAD.test(lines[i].trim())) return false;
  let n = 0;
  let j = i + 1;
  for (; j < lines.length; j++) {
    const line = lines[j].trim();
    if (line === "") continue;
    const label = parseLabel(line);
    if (!label || label.type !== "num" || label.n !== n + 1 || CLAUSE.test(line) || line.length > 80) break;
    n++;
  }
  if (n < 2) return false;
  if (j >= lines.length || parseAttachment(lines[j].trim()) !== null || signed(j)) return true;
  // a signer of any kind (北京航空航天大学) right over the date line
  const signer = lines[j].trim();
  return signer.length <= 30 && !CLAUSE.test(signer) && j + 1 < lines.length && isDateLine(lines[j + 1].trim());
}
