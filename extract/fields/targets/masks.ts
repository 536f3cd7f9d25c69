// Normalisation (full-width digits) and spans where figures are not targets (quoted titles).

// ---------------------------------------------------------------- normalisation and masks

export const WIDTH = /[\uff10-\uff19％～－．（）]/g;
export const WIDTH_MAP: Record<string, string> = { "％": "%", "～": "~", "－": "-", "．": ".", "（": "(", "）": ")" };

/** One-for-one character normalisation, so offsets stay those of the original text. */
export function normalise(text: string): string {
  return text.replace(WIDTH, (c) => WIDTH_MAP[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export const PAIRS: Record<string, string> = { "《": "》", "“": "”", "「": "」", "『": "』", "〔": "〕" };
export const MAX_QUOTE = 80;

/**
 * Spans inside 《》, quotes and 〔〕 (titles, names, document numbers). Sorted, non-overlapping.
 * A quoted span for which `clause` holds (a goal quoted as a clause, not a name) is not masked.
 */
export function maskedSpans(s: string, clause?: (inner: string) => boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const next = new Map<string, number>(); // next position of each closing mark: each is searched forward once
  const nextOpen = new Map<string, number>(); // likewise for the opening marks
  for (let i = 0; i < s.length; i++) {
    const close = PAIRS[s[i]];
    if (!close) continue;
    let j = next.get(close);
    if (j === undefined || (j >= 0 && j <= i)) {
      j = s.indexOf(close, i + 1);
      next.set(close, j);
    }
    if (j < 0 || j - i > MAX_QUOTE) continue;
    // “山东科技大市场“建设…“一站式”: an opening mark that opens again before it closes is a typo, not a span
    let again = nextOpen.get(s[i]);
    if (again === undefined || (again >= 0 && again <= i)) {
      again = s.indexOf(s[i], i + 1);
      nextOpen.set(s[i], again);
    }
    if (again >= 0 && again < j) continue;
    if (clause && s[i] === "“" && clause(s.slice(i + 1, j))) {
      i = j;
      continue;
    }
    spans.push([i, j + 1]);
    i = j;
  }
  return spans;
}
