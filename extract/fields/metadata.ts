// Document metadata: title, 文号, 发布机构, 成文日期, 发布日期, region. Pure functions over the document's text;
// each field's reader is in metadata/.
import type { Region } from "../schema.ts";
import { squash } from "./metadata/common.ts";
import { asWritten, readHeading } from "./metadata/title.ts";
import { readDocNumber } from "./metadata/doc-number.ts";
import { readIssuer } from "./metadata/issuer.ts";
import { placedIssuer, readRegion } from "./metadata/region.ts";
import { readDates } from "./metadata/dates.ts";

export interface Metadata {
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  region: Region;
  issuedDate: string | null;
  publishedDate: string | null;
}

/**
 * @param raw  text before chrome removal (web metadata blocks live there), white space as loaded
 * @param repaired  repaired text (one paragraph per line)
 * @param preamble  repaired lines before the first numbered item
 * @param closing  repaired lines after the body (signature, date, 抄送)
 */
export function extractMetadata(raw: string, repaired: string, preamble: string, closing: string): Metadata {
  // a portal's toolbar (拼音 / 辅助浏览 / 读屏 …, one short word a line) at the top does not use up the head (随州 2024)
  const lines = repaired.split("\n");
  let toolbar = 0;
  while (toolbar < lines.length && /^[\u4e00-\u9fff]{1,8}$/.test(lines[toolbar].trim())) toolbar++;
  const head = lines.slice(0, 40 + (toolbar >= 10 ? toolbar : 0));
  const rawHead = raw.split(/\r?\n/).slice(0, 60).join("\n");
  const closingLines = closing.split("\n").map(squash).filter(Boolean);
  // the text's last lines (the 版记's 印发 line may close it after the attachments); where no closing was split off, a signature
  // may be left in the last item (read for a run-in date only)
  const endLines = lines.slice(-4).map(squash).filter(Boolean);
  const tailLines = closingLines.length ? [] : endLines;

  const { headline, headlineIssuers, title, newsIssuer } = readHeading(head, raw, repaired);
  const docNumber = readDocNumber(head, rawHead, title);
  let issuer = readIssuer(head, raw, rawHead, headline, headlineIssuers, closingLines, preamble, newsIssuer, tailLines);
  const region = readRegion(issuer, title, headline, docNumber, rawHead, repaired, closingLines, preamble);
  const signer = issuer;
  issuer = placedIssuer(issuer, region);
  const { issuedDate, publishedDate, printIssuer } = readDates(head, rawHead, closingLines, preamble, tailLines, signer, endLines);
  if (!issuer && printIssuer) issuer = printIssuer;
  return { title: title && asWritten(title, raw), docNumber, issuer, region, issuedDate, publishedDate };
}
