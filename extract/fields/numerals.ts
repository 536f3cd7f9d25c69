// Written numbers: Chinese numerals (十五, 六十四万零一百四十三, 大写 壹万贰仟), neighbouring-digit pairs (两三),
// decimals (零点五) and exact scaling of decimal strings. Pure functions.

export const CN_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 兩: 2, 贰: 2, 貳: 2, 三: 3, 叁: 3, 參: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_POWER: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_SECTION: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/**
 * A Chinese numeral: "十五" → 15, "三百零五" → 305, "六十四万零一百四十三" → 640143, "壹万贰仟" → 12000,
 * "千" → 1000, "一千零一亿一千零一万一千零一" → 100110011001. Null for a string of bare digits ("二三", "十四五").
 */
export function parseChinese(s: string): number | null {
  let high = 0; // everything above the current 万 section (亿 part)
  let wan = 0; // the 万 section
  let sec = 0; // the section below 万
  let digit = -1; // a digit waiting for its power
  for (const ch of s) {
    const d = CN_DIGIT[ch];
    if (d !== undefined) {
      if (d === 0) {
        if (digit > 0) return null;
        digit = -1;
        continue;
      }
      if (digit >= 0) return null; // two digits in a row: a digit string, not a numeral
      digit = d;
      continue;
    }
    const p = CN_POWER[ch];
    if (p) {
      sec += (digit < 0 ? 1 : digit) * p;
      digit = -1;
      continue;
    }
    const section = CN_SECTION[ch];
    if (!section) return null;
    const part = sec + Math.max(digit, 0);
    if (section === 1e8) {
      high = (high + wan + (part === 0 && high === 0 && wan === 0 ? 1 : part)) * 1e8;
      wan = 0;
    } else {
      wan = (part === 0 && wan === 0 && high === 0 ? 1 : part) * 1e4;
    }
    sec = 0;
    digit = -1;
  }
  return high + wan + sec + Math.max(digit, 0);
}

const PAIR = /^([一两二三四五六七八九])([二三四五六七八九])([十百千万]?)$/;

/** "两三" → [2, 3], "二三十" → [20, 30], "三五" → [3, 5]: an approximate pair of neighbouring digits. */
export function parsePair(s: string): [number, number] | null {
  const m = PAIR.exec(s);
  if (!m) return null;
  const a = CN_DIGIT[m[1]];
  const b = CN_DIGIT[m[2]];
  if (!(b === a + 1 || (a === 3 && b === 5))) return null;
  const mult = m[3] ? CN_POWER[m[3]] ?? CN_SECTION[m[3]] : 1;
  return [a * mult, b * mult];
}

/** "零点五" → 0.5, else a Chinese numeral or Arabic digits. */
export function parseDecimal(s: string): number | null {
  if (/^\d/.test(s)) return Number(s);
  const dot = s.indexOf("点");
  if (dot < 0) return parseChinese(s);
  const int = dot === 0 ? 0 : parseChinese(s.slice(0, dot));
  if (int === null) return null;
  let frac = "";
  for (const c of s.slice(dot + 1)) frac += String(CN_DIGIT[c] ?? "");
  return Number(`${int}.${frac}`);
}

/** The value of a written number times an integer multiplier, exact for decimals ("2.5" × 1e8 = 250000000). */
export function scaled(num: string, mult: number): number | null {
  if (!/^\d/.test(num)) {
    const v = parseChinese(num);
    return v === null ? null : v * mult;
  }
  const [int, frac = ""] = num.replace(/[,，]/g, "").split(".");
  if (!frac) return Number(int) * mult;
  const scale = 10 ** frac.length;
  const mantissa = Number(int + frac);
  return mult % scale === 0 ? mantissa * (mult / scale) : (mantissa * mult) / scale;
}

