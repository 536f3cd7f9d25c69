// 文号: a labelled field, else a line that is only a document number, else one run into or closing a head line.
import { DOC_NO, headlineRunInDocNo, squash } from "./common.ts";

export function readDocNumber(head: string[], rawHead: string, title: string | null): string | null {
  let docNumber: string | null = null;
  const labelled = /(?:文\s*号|发文字号|发文序号|文件号|文件编号)\s*[:：|｜]?([^\n]*)/.exec(rawHead)?.[1] ?? null;
  if (labelled && DOC_NO.test(squash(labelled))) docNumber = DOC_NO.exec(squash(labelled))![0];
  if (!docNumber) {
    const line = head.map(squash).find((l) => DOC_NO.test(l) && l.replace(DOC_NO, "").length <= 2);
    // A 文号 run into the next line ("国办发〔2016〕28号各省、自治区…").
    const leading = head.map(squash).map((l) => new RegExp(`^${DOC_NO.source}`).exec(l)).find(Boolean);
    // "2021年县政府重点工作任务(华政发〔2021〕2号)": a 文号 in brackets closing a head line
    const closingNo = head.map(squash).map((l) => new RegExp(`[(（](${DOC_NO.source})[)）]$`).exec(l)).find(Boolean);
    // "上海市人民政府办公厅关于转发市教委等十一部门制订的" / "沪府办发〔2011〕19号" (the headline cut at the source): the repair
    // joins the 文号's own line to the cut headline; the raw line holding only the 文号, closing a head line, is it
    const own = rawHead.split("\n").map(squash).find((l) => DOC_NO.test(l) && DOC_NO.exec(l)![0] === l);
    const joined = own && head.slice(0, 3).map(squash).some((l) => l.length > own.length && l.endsWith(own)) ? own : null;
    // the 文号 run on after a head line that ends like a document's name, whose title may be the enclosed one ("国务院办公厅转发
    // 交通运输部等单位关于…意见的通知国办函〔2021〕49号", unseen15a: title 关于…意见 from the wrapper's 《》)
    const afterHeadline = head.slice(0, 3).map((l) => headlineRunInDocNo(squash(l))?.docNumber).find(Boolean);
    if (line) docNumber = DOC_NO.exec(line)![0];
    else if (joined) docNumber = joined;
    else if (leading) docNumber = leading[0];
    else if (closingNo) docNumber = closingNo[1];
    else if (afterHeadline) docNumber = afterHeadline;
    else if (title) {
      // The 文号 printed right after the title.
      const first = head.map(squash).find((l) => l.includes(title!));
      const m = first ? new RegExp(`^${DOC_NO.source}`).exec(first.slice(first.indexOf(title) + title.length)) : null;
      if (m) docNumber = m[0];
    }
  }
  if (docNumber) docNumber = squash(docNumber).replace(/[\[［]/, "〔").replace(/[\]］]/, "〕");
  return docNumber;
}
