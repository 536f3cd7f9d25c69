// 发布机构: labelled, else the headline's issuer, else the "X文件" masthead, else the signature; co-signers.
import { DOC_NO, ORG, PLACED, RUN_IN_DATE, field, squash } from "./common.ts";
import { isPlaceName } from "../regions.ts";
import nationalBodies from "../../data/national-bodies.json" with { type: "json" };
import metadataWords from "../../data/metadata-words.json" with { type: "json" };
import { literalAlternation } from "../../regex.ts";

const NATIONAL: string[] = nationalBodies.names;
// signers run together: heads of a rest naming the first signer's own place, and words opening a next signer (metadata-words.json)
const SAME_HEADS = metadataWords.signerSameHeads;
const REST_OPENER = new RegExp(`^(?:${literalAlternation(metadataWords.signerRestOpeners)})`);

export function readIssuer(head: string[], raw: string, rawHead: string, headline: string | null, headlineIssuers: string[],
  closingLines: string[], preamble: string, newsIssuer: string | null, tailLines: string[]): string | null {
  let issuer = field(rawHead, "发布机构") ?? field(rawHead, "发文机关") ?? field(rawHead, "发文单位"); // 发文单位: 郧阳 2023
  if (issuer && !ORG.test(issuer)) issuer = null;
  // "发文机关：国务院办公厅、中央军委办公厅" (国办发〔1996〕25号, a gov.cn page's table, unseen15h2), a page's 发布单位 "上海市交通委员会、上海市
  // 发展和改革委员会" (沪交科〔2023〕429号, unseen11b): a labelled list of joint issuers, the first issues, as in a headline
  // (the label says each is an issuer: every item a body's name is enough, no place needed: 中央军委办公厅)
  const labelled = issuer?.split("、") ?? [];
  if (labelled.length > 1 && labelled.every((b) => ORG.test(b))) issuer = labelled[0];
  // "发文单位:区政府办" over a notice signed "北京市大兴区人民政府办公室" (大兴 2023): a labelled body with no place, written short
  // (its characters in order within the signer's name), is the signer named in full
  if (issuer && !PLACED.test(issuer)) {
    const signer = firstSigner(closingLines) ?? firstSigner(preamble.split("\n").map(squash));
    if (signer && PLACED.test(signer) && signer.length > issuer.length && inOrder(issuer, signer)) issuer = signer;
  }
  if (!issuer && headline) {
    // "河北省人民政府办公厅印发关于加快工业企业技术创新发展若干措施的通知" (unseen9d): the body before 印发 issues
    const m = /^(.+?)(?:印发)?关于/.exec(headline);
    // "河北省教育厅等十二部门": the first issuer names the joint document; so does the first of issuers set side by
    // side ("成都市发展和改革委员会 中共成都市委社会工作部 … 关于印发…的通知").
    if (headlineIssuers.length > 1) issuer = headlineIssuers[0];
    // "国务院办公厅转发商务部科技部关于…若干措施的通知" (国办函〔2023〕7号): the body that forwards issues
    // "国务院办公厅转发交通运输部等单位关于…意见的通知" (国办函〔2021〕49号, unseen15a), "上海市人民政府办公厅转发市住房城乡建设
    // 管理委等四部门关于…若干意见的通知" (unseen12h): the forwarder issues whatever the forwarded drafters' list ends with (等单位)
    else if (m && ORG.test(/^(.+?)(?:转发|批转)/.exec(m[1])?.[1] ?? "")) issuer = firstOfJoint(/^(.+?)(?:转发|批转)/.exec(m[1])![1]);
    else if (m && ORG.test(m[1])) issuer = firstOfJoint(m[1].replace(/^(.+?)转发.+$/, (all, fw: string) => (ORG.test(fw) ? fw : all)));
    // "中共嵊泗县委办公室嵊泗县人民政府办公室关于印发…" signed "中共嵊泗县委办公室  嵊泗县人民政府办公室" (嵊泗 2021): issuers run
    // together in the headline are told apart by the signature printed side by side; the first issues
    const signed = issuer ? raw.split("\n", 200).map(jointIssuers).find((p) => p.length > 1 && p.join("") === issuer) : undefined;
    if (signed) issuer = signed[0];
    // "海市人民政府办公厅关于印发《…》的通知" signed "上海市人民政府办公厅" (沪府办发〔2023〕19号 商业航天, a crawl that lost the headline's
    // first character, unseen15h): a headline issuer with no place that ends the signer's placed name is the signer cut short
    if (issuer && !PLACED.test(issuer)) {
      const signer = firstSigner(closingLines) ?? firstSigner(preamble.split("\n").map(squash));
      if (signer && PLACED.test(signer) && signer.length > issuer.length && signer.endsWith(issuer)) issuer = signer;
    }
  }
  // "上海市崇明区人民政府办公室转发区消防安全委员会制定的《…工作方案》的通知" (崇明 2017, unseen13b), "上海市宝山区人民政府办公室
  // 转发区消防救援支队制订的《关于深化基层消防安全综合治理工作的实施意见》的通知" (宝府办〔2022〕19号): a 转发/批转 headline with
  // no 关于 before the forwarded 《》 (no headline was read, or only the 《》's own 关于…): the body before 转发 issues
  if (!issuer) issuer = forwardingIssuer(head.map(squash));
  if (!issuer) {
    // the masthead names a body ("山西省人民政府办公厅文件"); a page's "相关文件" link names none (后湖 2025)
    const mast = head.map(squash).find((l) => /^.{2,30}文件$/.test(l) && ORG.test(l.replace(/文件$/, "")));
    if (mast) issuer = mast.replace(/文件$/, "");
  }
  // "…对有明确时间节点的重许昌市人民政府文件许政〔2020〕21号大工作…" (许昌 2020): a masthead and its 文号 run into a
  // line; the body's name starts at the 文号's first character (许政 → 许昌市人民政府)
  if (!issuer) issuer = runInMasthead(head.map(squash));
  // The signature (of the document, else of the notice wrapper): issuer lines above a date; the first signs first.
  // "…帮助企业解决实际问题。" / "河北省人民政府办公厅" / "2023年9月5日政策解读：…" (河北 2023): a signature left in the last
  // item's text, its date run into a page's link line, signs at the end of the text
  issuer ??= firstSigner(closingLines) ?? firstSigner(preamble.split("\n").map(squash)) ?? runInSigner(tailLines) ?? newsIssuer;
  return issuer;
}

/** Issuers printed side by side before 关于, separated by spaces, each a body: all of them, else []. */
export function jointIssuers(line: string): string[] {
  // "中共黑龙江省委办公厅 黑龙江省人民政府办公厅" on its own line above "关于印发…的通知" (黑龙江 2025): the whole line
  // "科技部 农业农村部 … 中华全国供销合作总社印发《关于…》的通知" (国科发农〔2020〕192号): up to 印发/转发 too; a ministry's name
  // may be three characters (科技部, 教育部)
  const k = line.search(/关于|印发|转发/);
  const parts = (k < 0 ? line : line.slice(0, k)).trim().split(/[\s\u3000]+/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => (p.length >= 4 || /^[\u4e00-\u9fff]{2}部$/.test(p)) && p.length <= 30 && ORG.test(p)) ? parts : [];
}

/** "X转发Y制定的《Z》的通知" on a head line: X, when it ends as a body. */
function forwardingIssuer(lines: string[]): string | null {
  for (const l of lines) {
    const m = /^([^《》，,。：:；;\s]{4,40}?)(?:转发|批转)[^《》，,。]{0,30}《[^《》]{2,80}》的通知$/.exec(l);
    if (m && ORG.test(m[1])) return firstOfJoint(m[1]);
  }
  return null;
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

/** Every character of `short` appears in `full`, in order ("区政府办" in "北京市大兴区人民政府办公室"). */
function inOrder(short: string, full: string): boolean {
  let k = 0;
  for (const c of full) if (c === short[k]) k++;
  return k === short.length;
}

function firstSigner(lines: string[]): string | null {
  const first = coSigners(lines)?.[0];
  return first ? firstRunTogether(first) : null;
}

/**
 * "河北省教育厅河北省财政厅" / "2019年1月30日" (河北 2019 幼儿园建设工程, a crawl that lost the spaces between signers): the
 * shortest head that ends as a body where the rest opens with a place and ends as a body signs first.
 */
function firstRunTogether(signer: string): string {
  // "黄浦区发展和改革委员会黄浦区建设和管理委员会" (上海 黄发改委办〔2025〕5号, unseen14c): a head cut inside a name ("…改革委" + "员会黄浦区…")
  // leaves a rest that only looks placed; a rest opening with the first signer's own place (or 中共 + it, 中国, 国家) is taken first
  const place = /^(?:中共)?([\u4e00-\u9fff]{2,}?[省市县区州盟旗])/.exec(signer)?.[1];
  const heads = place ? [place, ...SAME_HEADS.beforePlace.map((h) => h + place), ...SAME_HEADS.national] : [];
  const samePlace = (rest: string) => !place || heads.some((h) => rest.startsWith(h));
  for (const strict of [true, false]) {
    for (let k = 4; k <= signer.length - 4; k++) {
      const [head, rest] = [signer.slice(0, k), signer.slice(k)];
      if (ORG.test(head) && PLACED.test(head) && PLACED.test(rest) && ORG.test(rest) && (strict ? samePlace(rest) : opensWithPlace(rest))) return head;
    }
  }
  return signer;
}

// Signers of other places side by side, their space squashed ("上海市交通委员会江苏省交通运输厅", 长三角 沪交科〔2023〕706号 一码通行,
// eight signers of 三省一市 two a line, tests/data/unseen14d): the rest opens with a real place, not with any characters before a
// 市 ("员会江苏省…" is no place: not "上海市交通委" + "员会…").
function opensWithPlace(rest: string): boolean {
  const m = /^[\u4e00-\u9fff]{2,}?[省市县区州盟旗]/.exec(rest);
  return REST_OPENER.test(rest) || (m !== null && isPlaceName(m[0]));
}

const isSigner = (l: string) => l.length <= 30 && ORG.test(l) && !/[，,。；;：:]/.test(l);

/** The signature block above a date run into its line (RUN_IN_DATE), its first signer named with its place: the signers and the date. */
export function runInSignature(lines: string[]): { signers: string[]; date: string } | null {
  const ls = lines;
  for (let d = 1; d < ls.length; d++) {
    const m = RUN_IN_DATE.exec(ls[d]);
    if (!m || !isSigner(ls[d - 1])) continue;
    let i = d - 1;
    while (i > 0 && isSigner(ls[i - 1])) i--;
    if (PLACED.test(ls[i])) return { signers: ls.slice(i, d), date: m[1] };
  }
  return null;
}

/** A signer named with its place heading the signature above a run-in date: that signer, else null. */
export function runInSigner(lines: string[]): string | null {
  return runInSignature(lines)?.signers[0] ?? null;
}

/** The signature block: issuer lines above a date, the first signs first; null when there is none. */
export function coSigners(lines: string[]): string[] | null {
  // "上海市人民政府办公厅 / 二○一一年五月十八日" (沪府办发〔2011〕19号): a date in Chinese numerals too
  const d = lines.findIndex((l, i) => i > 0 && isSigner(lines[i - 1]) && (/^\d{4}年\d{1,2}月\d{1,2}日$/.test(l) || CN_DATE.test(l)));
  if (d < 0) return runInSignature(lines)?.signers ?? null; // or a date run into the next line (RUN_IN_DATE)
  let i = d - 1;
  while (i > 0 && isSigner(lines[i - 1])) i--;
  return lines.slice(i, d);
}

const CN_DATE = /^[〇○零OＯ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十〇○]{1,3}日$/;
const JOINT = /等[一二三四五六七八九十\d]{1,3}(?:个)?(?:部门|单位|部委)$/;
/**
 * "河北省教育厅等十二部门" → 河北省教育厅; the first of the bodies named before 等N部门, listed with 、
 * ("人力资源社会保障部、国家发展改革委等20部门") or run together ("人力资源社会保障部国家发展改革委等十五部门": cut after the
 * shortest head that ends as a body where the rest opens with a place or a national body and ends as one).
 */
function firstOfJoint(issuer: string): string {
  // "上海市交通委员会、上海市发展和改革委员会关于印发…" (沪交科〔2023〕429号, unseen11b): bodies listed with 、, the first issues
  const listed = issuer.split("、");
  if (!JOINT.test(issuer)) return listed.length > 1 && listed.every((b) => ORG.test(b) && PLACED.test(b)) ? listed[0] : issuer;
  const named = issuer.replace(JOINT, "");
  const first = named.split(/[、，,]/)[0];
  const opensBody = (rest: string) => PLACED.test(rest) || NATIONAL.some((n) => rest.startsWith(n));
  for (let k = 3; k < first.length - 2; k++) if (ORG.test(first.slice(0, k)) && ORG.test(first.slice(k)) && opensBody(first.slice(k))) return first.slice(0, k);
  return first;
}
