// 文号 in one form, for finding a document whatever brackets and spaces its writer used:
// "国发〔2018〕38号" = "国发[2018]38号" = "国发 (2018) 38 号" = "国发［2018］38号" = "国发【2018】038号". Pure.

const OPEN = /[〔［\[（(【｛{﹝〖]/g;
const CLOSE = /[〕］\]）)】｝}﹞〗]/g;

/**
 * The comparable form of a 文号 (or of a query that may contain one): full-width letters and digits
 * made ASCII, white space removed, every bracket pair as 〔〕, leading zeros of the serial number
 * dropped (〔2018〕038号 → 〔2018〕38号). Text without a 文号 comes back with only the first two steps.
 */
export function normalizeDocNumber(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(OPEN, "〔")
    .replace(CLOSE, "〕")
    .replace(/〔(\d{4})〕0+(\d)/g, "〔$1〕$2");
}
