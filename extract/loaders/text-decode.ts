// Decode Chinese text in any common encoding: UTF-8 (with or without BOM), UTF-16 LE/BE, GB18030/GBK, Big5.
import iconv from "iconv-lite";
import { IngestError } from "../errors.ts";

// The most frequent characters of modern Chinese: a decoding that yields many of them is right.
const COMMON =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研构给保标金融科技单位市省县局";
const COMMON_SET = new Set(COMMON);

function score(text: string): number {
  let common = 0, bad = 0, total = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    total++;
    if (COMMON_SET.has(ch)) common++;
    else if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) bad++;
  }
  if (total === 0) return 0;
  return (common - 5 * bad) / total;
}

const SAMPLE_BYTES = 256 * 1024;

function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\ufffd"); i >= 0; i = text.indexOf("\ufffd", i + 1)) n++;
  return n;
}

export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString("utf8"), encoding: "utf-8" };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf), encoding: "utf-8" };
  } catch {
    // not UTF-8: choose between the legacy Chinese encodings
  }
  // UTF-16 without BOM competes with the legacy encodings, and so does UTF-8 with a few broken sequences (a
  // flipped bit): the decoding richest in common characters wins. They are scored on the first 256 KB only,
  // so a large file is decoded in full once, not once per candidate.
  const sample = buf.length > SAMPLE_BYTES ? buf.subarray(0, SAMPLE_BYTES) : buf;
  const encodings = buf.length % 2 === 0 ? ["utf-8", "gb18030", "big5", "utf-16le", "utf-16be"] : ["utf-8", "gb18030", "big5"];
  const candidates = encodings.map((encoding) => {
    const text = iconv.decode(sample, encoding);
    return { text, encoding, score: score(text), bad: countReplacement(text) };
  });
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  const cjk = best.text.length;
  if (best.score <= 0.05 || best.bad > Math.max(3, cjk / 200)) {
    throw new IngestError("encoding", "无法识别文本编码（不是 UTF-8、UTF-16、GB18030/GBK 或 Big5 中文文本）");
  }
  return { text: sample === buf ? best.text : iconv.decode(buf, best.encoding), encoding: best.encoding };
}
