// Shared patterns and helpers of the metadata readers.
import titleWords from "../../data/title-words.json" with { type: "json" };
import metadataWords from "../../data/metadata-words.json" with { type: "json" };

export const DOC_NO = /[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,5}\s*号/;
export const ISO = /(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?/;
/** A body's name as an issuer or signer writes it (issuerEndings in metadata-words.json). */
export const ORG = new RegExp(`(${metadataWords.issuerEndings.join("|")})$`);
export const NATIONAL = /^(国务院|中共中央|全国|国家|中国人民银行|中国银保监会|中国证监会|财政部|科技部|工业和信息化部|教育部|商务部|人力资源社会保障部|自然资源部|生态环境部|发展改革委|国家发展改革委)/;
export const TITLE_END = new RegExp(`(${titleWords.documentKinds.join("|")})$`);
/** An enclosed name may also end as a list of tasks ("…规划责任分解", "…工作要点"). */
export const WORK_LIST_END = new RegExp(`(?:${titleWords.workLists.join("|")})$`);

/** A body named with its place ("河北省人民政府办公厅", "国务院办公厅"): one that signs a document. */
export const PLACED = /^(?:[\u4e00-\u9fff]{2,}?[省市县区州盟旗]|国务院|中共)/;
/**
 * "河北省人民政府办公厅" / "2023年10月7日河北省支持钢铁行业创新发展的若干措施" (河北 2023, a crawl that ran the page's
 * paragraphs together): a signature date run into the line after it (the enclosed title, a page's link line). The
 * date opens its line and no deadline word (前, 起, 至 …) follows it; the line above names a body with its place.
 */
export const RUN_IN_DATE = /^(\d{4}年\d{1,2}月\d{1,2}日)(?![前之以止起后至到—\-~、，,。；;]|$)/;

export function iso(m: RegExpExecArray | null): string | null {
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Value of a labelled field ("发布机构:X", "发布机构 X"), up to white space. */
export function field(text: string, label: string): string | null {
  // "发布机构:X", "发布机构 X", and a Markdown table row "| 发布机构 | 江苏省人民政府 |"
  const re = new RegExp(`(?:^|[\\s•·|-])${label}\\s*[:：|｜]?[ \\t\\u3000|]*([^\\s|]+)`, "m");
  const m = re.exec(text);
  return m ? m[1].trim() : null;
}

export function squash(s: string): string {
  return s.replace(/[\s\u3000]+/g, "");
}

/**
 * "…附件:常熟市2018年政府工作任务分解表常熟市人民政府办公室2018年2月24日常熟市2018年政府工作任务分解表" (常熟 2018, a notice
 * whose lines were run together): the one enclosure named after 附件:, the signer (a body named with its place) and date, then
 * the enclosure's own title printed again; null when the line holds no such run.
 */
export function enclosureRunIn(line: string): { name: string; signer: string; date: string } | null {
  const m = /附件[:：](?!\d{1,2}[.、．])([^:：,，。;；]{4,60})([^:：,，。;；、\d]{4,30}?)(\d{4}年\d{1,2}月\d{1,2}日)\1/.exec(line);
  if (!m || !PLACED.test(m[2]) || !ORG.test(m[2])) return null;
  return { name: m[1], signer: m[2], date: m[3] };
}

/**
 * A head line that ends like a document's name with its 文号 run on after it: "国务院办公厅关于生态环境保护综合行政执法有关事项的
 * 通知国办函〔2020〕18号" (unseen15a), "国务院办公厅转发商务部科技部关于…若干措施的通知国办函〔2023〕7号各省…" (unseen9c),
 * "国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见国办发〔2020〕24号" (corpus-extra 37). The 文号's issuer part is cut
 * where the name before it ends like a document (DOC_NO alone would take up to 12 characters of the name into the 文号).
 */
export function headlineRunInDocNo(line: string): { headline: string; docNumber: string } | null {
  for (const b of line.matchAll(/[〔\[［(（]\s*\d{4}/g)) {
    // the shortest issuer part that leaves a name ending like a document before it: 国办函, not 的通知国办函
    for (let k = 1; k <= 6 && k <= b.index!; k++) {
      const headline = line.slice(0, b.index! - k);
      const m = new RegExp(`^(?:${DOC_NO.source})`).exec(line.slice(b.index! - k));
      // a headline holds no clause and no open bracket: "根据《金山区人民政府关于<…>的通知》（金规划资源〔2021〕132号），…" (山阳镇
      // 2022, unseen13d) cites a document, its 文号 in brackets (not 规划 + 资源〔2021〕132号)
      const headlineLike = !/[，,。；;：:]/.test(headline) && (headline.match(/[（(]/g) ?? []).length === (headline.match(/[）)]/g) ?? []).length;
      if (m && headlineLike && /^[\u4e00-\u9fff]+$/.test(line.slice(b.index! - k, b.index!)) && TITLE_END.test(headline) && /关于/.test(headline))
        return { headline, docNumber: m[0] };
    }
  }
  return null;
}
