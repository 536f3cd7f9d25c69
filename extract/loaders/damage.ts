// Damaged text: replacement characters, control characters and private-use characters are what a wrong
// decoding or a flipped bit leaves behind. A share above LIMITS.damage.maxShare is refused, naming the share.
import { IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";

export interface DamageCount {
  replacement: number;
  control: number;
  privateUse: number;
  total: number; // non-space characters
}

export function countDamage(text: string): DamageCount {
  let replacement = 0, control = 0, privateUse = 0, total = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // tab, line feed, vertical tab (cell line breaks), form feed (page breaks), carriage return, space
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x3000 || c === 0xa0) continue;
    total++;
    if (c < 0x80 && c >= 0x20 && c !== 0x7f) continue;
    if (c === 0xfffd) replacement++;
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff) control++;
    else if (c >= 0xe000 && c <= 0xf8ff) privateUse++;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        if (cp >= 0xf0000) privateUse++; // supplementary private-use planes 15 and 16
        i++;
      } else replacement++; // a lone surrogate is a broken decoding
    }
  }
  return { replacement, control, privateUse, total };
}

/** Share of broken characters (replacement and control characters). */
export function brokenShare(d: DamageCount): number {
  return d.total === 0 ? 0 : (d.replacement + d.control) / d.total;
}

/** Share of all damage-like characters, private-use ones included. */
export function damageShare(d: DamageCount): number {
  return d.total === 0 ? 0 : (d.replacement + d.control + d.privateUse) / d.total;
}

const percent = (x: number) => `${Number((x * 100).toFixed(1))}%`;

/** Why a text is refused as damaged, or null when it is not (see LIMITS.damage). */
export function damageReason(text: string): string | null {
  const d = countDamage(text);
  const { maxShare, maxShareWithPrivateUse } = LIMITS.damage;
  const broken = brokenShare(d);
  if (broken > maxShare) {
    const kinds = [d.replacement && "替换字符", d.control && "控制字符"].filter(Boolean).join("、");
    return `文字损坏：${kinds}占 ${(broken * 100).toFixed(1)}%（上限 ${percent(maxShare)}），文件可能已损坏或编码有误`;
  }
  const all = damageShare(d);
  if (all > maxShareWithPrivateUse) {
    const kinds = [d.replacement && "替换字符", d.control && "控制字符", "私用区字符"].filter(Boolean).join("、");
    return `文字损坏：${kinds}占 ${(all * 100).toFixed(1)}%（上限 ${percent(maxShareWithPrivateUse)}），文字可能无法还原（字体缺少编码表）或文件已损坏`;
  }
  return null;
}

/** Throw when the text is damaged beyond the limits. */
export function assertUndamaged(text: string): void {
  const reason = damageReason(text);
  if (reason) throw new IngestError("corrupt", reason);
}
