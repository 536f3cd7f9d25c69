// An unnumbered section heading between numbered lists: "…4.对养老服务机构未规范设置疏散通道… / 工作安排 / 结合我区实际情况，…分三个
// 阶段进行。 / (一)集中攻坚阶段。… / (三)… / 工作要求 / (一)提高政治站位。…" (上海 奉贤民政 2023 燃气 专项整治 工作方案,
// tests/data/unseen14h2). The heading is no label of the contract's list; it ends the items open before it, so the list under
// it is no sub-list of the last item (repeated labels take the repeat suffix: (一)#2).
import { parseLabel } from "./labels.ts";
import sectionHeads from "../data/section-heads.json" with { type: "json" };

const HEAD = new RegExp(`^[\\u4e00-\\u9fa5]{0,6}(${sectionHeads.headEnds.join("|")})$`);

/** True where lines[i] is a bare section heading: Han characters only, ending with a heading word, and the next label, on the
 * next line or after one unnumbered paragraph, is the first of its list. */
export function sectionHead(lines: string[], i: number): boolean {
  const bare = lines[i].replace(/[\s\u3000*#]+/g, "");
  if (bare.length < 4 || !HEAD.test(bare)) return false;
  for (let k = 1; k <= 2 && i + k < lines.length; k++) {
    const label = parseLabel(lines[i + k]);
    if (label) return label.n === 1;
  }
  return false;
}
