// Where a document's closing part starts: a 版记 mark (抄送, (此件…), (联系人…) or the signature block (issuer lines over a date).
import { isDateLine } from "./labels.ts";
import metadataWords from "../data/metadata-words.json" with { type: "json" };

// A signer's name (issuerEndings in metadata-words.json, as the metadata readers read the issuer: …街道办事处 too).
const ORG_SUFFIX = new RegExp(`(${metadataWords.issuerEndings.join("|")})$`);
export const CLOSING_MARK = /^((?:抄送|分送)[:：]|\(此件[^)]*\)$|\(联系人|\(信息公开选项)/;

/** Is line i the start of the signature block: an issuer line followed by a date line? */
export function isSignature(lines: string[], i: number): boolean {
  const l = lines[i];
  if (isDateLine(l)) return true;
  // Several bodies sign one under another (国家发展改革委 / 中央网信办 / 工业和信息化部 / 国家能源局 / date).
  const signer = (s: string) => s.length <= 30 && ORG_SUFFIX.test(s.replace(/[\s\u3000]+/g, "")) && !/[，,。；;：:]/.test(s);
  if (!signer(l)) return false;
  for (let j = i + 1; j < lines.length && j <= i + 8; j++) {
    if (isDateLine(lines[j])) return true;
    if (!signer(lines[j])) return false;
  }
  return false;
}
