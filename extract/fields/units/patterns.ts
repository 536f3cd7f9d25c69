// Patterns shared by the unit forms: numbering that starts an item, a list that goes on after a separator, the verbs that end
// or precede a body's name in prose, and the 对 inside a body's name.
import { proseBody } from "../unit-clauses.ts";
import groups from "../../data/unit-groups.json" with { type: "json" };

export const NUMBERING_START = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.、．](?!\d)|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条])/;
export const ENDS_WITH_SEP = /[、,，;；和及与]$/;
/** An item's label opening a line: "（一）", "(3)", "2." (regex source). */
export const LINE_LABEL = String.raw`(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])`;

// 对 as a preposition (its object is whom one answers to or what is overseen, never a subject), not inside a body's name
// (duiInNames: 市对口支援办公室, 市对外友好协会, 市委对台办): `s` with the 对 of such words masked, same length.
// 应对 (modalDuiWords) is 应 + 对 only after a body, its subject ("审批单位应对初步设计批复负责"); elsewhere the word of a name
// ("市应对气候变化领导小组办公室负责…", "省节能减排及应对气候变化工作领导小组办公室（生态环境厅）", public pages).
const DUI_IN_NAME = new RegExp(groups.duiInNames.join("|"), "g");
const MODAL_DUI = new RegExp(groups.modalDuiWords.join("|"), "g");
const bodyEndsAt = (s: string, end: number): boolean => {
  for (let i = Math.max(0, end - 25); i <= end - 2; i++) if (proseBody(s.slice(i, end))) return true;
  return false;
};
export const maskDuiInNames = (s: string): string =>
  s.replace(DUI_IN_NAME, (w) => "\u0000".repeat(w.length)).replace(MODAL_DUI, (w, at: number) => (bodyEndsAt(s, at) ? w : "\u0000".repeat(w.length)));
// "落实部门负责指导业主大会…组建" (上海 沪府办发〔2009〕51号 四/(一): assign a department, none named), as "指定专门部门及人员负责对接"
// (绵阳 2022 金融十条): a verb before a bare kind leaves no body.
export const LEADING_VERBS = /^(?:鼓励|支持|推动|引导|明确|指导|督促|协调|组织|确定|指定|落实|积极|主动|加强|推进|通过|依托|联合|结合|另|还|也|均)+/;
export const FORWARD_STOP =
  /分行业|加快|研究|制定|制订|做好|开展|推进|推动|组织(?!部)|负责|共同|联合(?!会)|建立|完善|落实|指导|督促|协调|加强|出台|修订|进行|实施|牵头|配合|抓好|审核|拟定|起草|印发|发布|及时|尽快|认真|积极|分别|统筹|提出|确定|召开|编制|设立|成立|筹建|组建|承担|办理|提供|给予|予以|按照|根据|依据|围绕|结合|定期|每年|等|对|在|于|向|将|把|为|从|按|就|以|并|的/;
/** A verb or a preposition where a body's name would stand: a phrase, no name ("建立健全工作机构", "各街镇要成立工作专班"). */
export const verbPhrase = (s: string): boolean => FORWARD_STOP.test(maskDuiInNames(s)) || LEADING_VERBS.test(s);
