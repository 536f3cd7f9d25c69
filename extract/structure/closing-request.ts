// A notice's closing request run on under the last item (docs/labelling.md, "a closing request over contact lines"):
// "请各市教育局于3月28日前，将联络员名单、联络方式报省教育厅师范教育处。 / 联系人：… / 联系电话：…" (河北 2019 师德师风提升年);
// "各地各学校…有关工作情况和典型经验做法请及时报送省教育厅。 / 联系人：…" (河北 2020 制止餐饮浪费, tests/data/unseen12c).
// The request and the contacts are the notice's, not the last item's text (its date is no deadline of the item).
import words from "../data/closing-request.json" with { type: "json" };

const alt = (xs: string[]) => xs.map((x) => x.replace(/\s+/g, "\\s*")).join("|");
// one sentence (no 。 before its end) holding 请 (not inside 申请, 邀请 …: requestWordNotAfter) and a hand-in verb after it
const REQUEST = new RegExp(
  `^[^。；;]{0,60}(?<![${words.requestWordNotAfter.join("")}])${words.requestWord}[^。；;]{0,80}(?:${alt(words.handInVerbs)})[^。；;]{0,60}。$`,
);
const CONTACT = new RegExp(`^(?:${alt(words.contactHeads)})\\s*[:：]`);

/** Is lines[i] a closing request: one request sentence right above a contact line? */
export function closingRequest(lines: string[], i: number): boolean {
  const line = lines[i].replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  const next = (lines[i + 1] ?? "").replace(/^[\s\u3000]+/, "");
  return REQUEST.test(line) && CONTACT.test(next);
}

/** Has the item text of its own beyond a heading line (a sentence in its head line, or lines under it)? */
export function hasOwnText(node: { raw: string; own: string[] }): boolean {
  return node.own.length > 0 || /[。；;]/.test(node.raw);
}
