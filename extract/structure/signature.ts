// A signature block that a crawl ran together: the signers two a line with nothing between them, a signer's name broken
// over two lines, and the date run into the next paragraph (the enclosed title). 河北省工业和信息化厅's pages
// (tests/data/unseen7e): "河北省工业和信息化厅河北省发展和改革委员会　　河北省科学技术厅河北省自然资源厅　　2023年5月11日关于支持…若干措施";
// "…中国人民银行石家庄中心支行中国银行保险监督管理　　委员会河北监管局　　2023年5月4日关于加快推动…实施方案".
import titleWords from "../data/title-words.json" with { type: "json" };

/** A full date, "2015年4月24日" (regex source). */
export const DAY = String.raw`\d{4}年\d{1,2}月\d{1,2}日`;
/** How the name of a body that signs ends (regex source). */
export const SIGNER_END = "(?:办公厅|办公室|人民政府|委员会|领导小组|局|厅|部|委|院|办)";
const DATE = new RegExp(`^${DAY}`);
export const FULL_DATE = new RegExp(`^${DAY}$`);
/** What may follow a date that is a deadline, a span or part of a sentence, not a signature's date. */
const NOT_SIGNATURE_AFTER = /^(?:前|之前|以前|后|起|至|止|以来|到|—|-|~|－|，|,|。|、|；|;|：|:|\(|（|在|召开|印发|发布|施行|实施)/;
/** A title line: it ends like a document's name (a bracketed period allowed). */
const TITLE_END = new RegExp(String.raw`(?:${titleWords.signatureTitle.join("|")})(?:\([^()]{2,20}\))?$`);
const BODY_END = /(?:厅|局|委|委员会|办|办公室|政府|支行|分行|中心|院|会|部|署|室|站|所|处|科|联)$/; // 联: 妇联, 残联
/**
 * The place a signer's name opens with ("河北省", "承德市", a district "黄浦区"), or 中国/国家/中共. A district's bureaus sign with
 * the district alone: "黄浦区发展和改革委员会黄浦区建设和管理委员会" / … / "黄浦区投资促进办公室" / "2025年2月24日" (上海 黄发改委办〔2025〕5号,
 * unseen14c, thirteen signers two a line); "松江区绿化和市容管理局" (沪松绿容发〔2026〕64号, unseen12b), "虹口区人民政府" (虹府规〔2022〕3号).
 */
const PLACE_HEAD = /^(?:中共)?[\u4e00-\u9fff]{2,7}?(?:省|自治区|市|州|盟|县|区|旗)|^中国|^国家/;
const SIGNER_MAX = 40;

function isSignerLine(s: string): boolean {
  return s.length >= 4 && s.length <= SIGNER_MAX && !/[，。；：、,;:!?！？“”《》\d]/.test(s);
}

/** Two signers one a line, each opening with its place ("中共河北省委网络安全和信息化委员会办公室" / "河北省发展和改革委员会"): never one sentence broken over two lines. */
export function signerLines(prev: string, next: string): boolean {
  return [prev, next].every((s) => isSignerLine(s) && BODY_END.test(s) && PLACE_HEAD.test(s));
}

/**
 * The notice's last enclosure entry over its signer ("附件：1．…管理办法 / 2．宝山区建设工程初步设计文件审批流程图 / 上海市宝山区建设和管理委员会 /
 * 2021年3月9日", 上海 宝建〔2021〕12号, unseen12d; "2.十方面民生实事责任分解 / 湖州市人民政府办公室 / 2020年5月22日", 湖州 2020, unseen7b):
 * a numbered line with no clause mark above a placed signer line is no sentence broken over two lines.
 */
export function entryOverSigner(prev: string, next: string): boolean {
  return /^\d{1,2}[.．、]/.test(prev) && !/[，,。；;：:]/.test(prev) && isSignerLine(next) && BODY_END.test(next) && PLACE_HEAD.test(next);
}

/** Split a run of signers: before each later occurrence of the first signer's place (or 中国/国家) right after a body's ending. */
export function splitSigners(s: string): string[] {
  const head = PLACE_HEAD.exec(s)?.[0];
  if (!head) return [s];
  // a party body among the signers opens with 中共 + the place ("…保障厅中共河北省委组织部中共河北省委网络安全…", 冀人社发〔2024〕17号)
  const place = head.replace(/^中共/, "");
  const heads = [...new Set([`中共${place}`, place, "中国", "国家"])];
  const out: string[] = [];
  let from = 0;
  for (let i = 4; i < s.length - 3; i++) {
    if (!heads.some((h) => s.startsWith(h, i)) || !BODY_END.test(s.slice(from, i))) continue;
    out.push(s.slice(from, i));
    from = i;
  }
  out.push(s.slice(from));
  return out.every((p) => BODY_END.test(p) && p.length >= 4) ? out : [s];
}

/**
 * Lines of a signature block put right: a date opening the paragraph after the signers and run into a title is cut
 * from it; in the run of short body lines above that date a name broken over two lines is joined and signers run
 * together are split, one a line. Other lines are left as they are.
 */
export function splitSignatures(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const date = DATE.exec(line)?.[0];
    const rest = date ? line.slice(date.length) : "";
    const prev = out.length > 0 ? out[out.length - 1].trim() : "";
    if (date && rest.length >= 6 && !NOT_SIGNATURE_AFTER.test(rest) && TITLE_END.test(rest) && isSignerLine(prev) && BODY_END.test(prev)) {
      fixBlock(out);
      out.push(date, rest);
      continue;
    }
    if (FULL_DATE.test(line) && isSignerLine(prev)) fixBlock(out);
    out.push(raw);
  }
  return splitEndSignature(out);
}

// A signer and date run on at the very end of the text, after its last sentence or after a page's link to a file
// ("…确保各项政策落实到位。链接：我省出台新规扶持小微企业健康发展.html河北省人民政府2015年4月24日", 河北 2015 扶持小型微型企业
// 实施意见, unseen9a): the signer and the date are lines of their own (a long line gets this from inline-items.ts already).
const END_SIGNATURE = new RegExp(String.raw`(?<=[。；;！!)）]|\.(?:s?html?|pdf|docx?|wps))((?:中共)?[\u4e00-\u9fff]{2,30}?${SIGNER_END})(${DAY})$`);

function splitEndSignature(out: string[]): string[] {
  let last = out.length - 1;
  while (last >= 0 && out[last].trim() === "") last--;
  if (last < 0) return out;
  const line = out[last].trim();
  const m = END_SIGNATURE.exec(line);
  if (!m || m.index === 0) return out;
  const before = line.slice(0, m.index);
  // "…落实到位。" / "链接：….html": the page's link is a line of its own
  const link = /(?:相关)?链接[:：][^。；;！!]*$/.exec(before);
  const parts = link && link.index > 0 ? [before.slice(0, link.index), link[0]] : [before];
  return [...out.slice(0, last), ...parts, m[1], m[2], ...out.slice(last + 1)];
}

/** The signer lines at the end of `out` (above a date): broken names joined, run-together signers split. */
function fixBlock(out: string[]): void {
  let start = out.length;
  while (start > 0 && isSignerLine(out[start - 1].trim()) && out.length - start < 8) start--;
  if (start === out.length) return;
  const block = out.slice(start).map((s) => s.trim());
  // The line before the block must close a sentence (the wrapper's last paragraph), or the block opens the text.
  if (start > 0 && !/[。；;！!]$/.test(out[start - 1].trim())) return;
  const joined: string[] = [];
  for (let i = 0; i < block.length; i++) {
    const s = block[i];
    const next = block[i + 1];
    // "中国银行保险监督管理" / "委员会河北监管局": a name broken over two lines.
    if (!BODY_END.test(s) && next !== undefined && BODY_END.test(s + next) && !PLACE_HEAD.test(next)) {
      joined.push(s + next);
      i++;
    } else joined.push(s);
  }
  if (!joined.every((s) => BODY_END.test(s))) return;
  out.splice(start, out.length - start, ...joined.flatMap(splitSigners));
}
