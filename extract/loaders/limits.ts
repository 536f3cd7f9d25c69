// The limits every loader works under, in one place. Each number says why it is what it is; a refusal names
// the limit it hit in Chinese ("解压后超过 200 MB"). Real policy documents sit far below every one of them:
// the largest in corpus/ and ../shared is under 200 KB of text, 30 PDF pages and 2,000 DOCX paragraphs.

const MB = 1024 * 1024;

export const LIMITS = {
  /** Bytes of one uploaded or ingested file. A 300-page scanned PDF is ~30 MB; text documents are far smaller. */
  maxFileBytes: 50 * MB,

  /** Characters of loaded text: 3 million is ~2,000 printed pages, ten times the longest national plan seen;
   *  extraction downstream is linear-to-quadratic in the text, so an unbounded text would stall it. */
  maxChars: 3_000_000,

  zip: {
    /** Uncompressed bytes of all entries of a DOCX, from the central directory before inflating and again while
     *  inflating (a directory can lie). Real DOCX: well under 20 MB, images included. A zip bomb: gigabytes. */
    maxUncompressedBytes: 200 * MB,
    /** Entries of a DOCX: a document with many images has a few hundred; a bomb of empty files has 100,000s. */
    maxEntries: 2_000,
  },

  docx: {
    /** Paragraphs (w:p) in the document's XML parts. mammoth builds a DOM of every paragraph (100,000 short
     *  ones grew the process by 830 MB and 29,000 take 9 s in a worker); a 200-page policy document with its
     *  task tables has under 10,000. */
    maxParagraphs: 30_000,
  },

  pdf: {
    /** Pages of a PDF: policy documents have tens; 1,000 pages is a book, not a policy document. */
    maxPages: 1_000,
    /** Inflated bytes of a PDF's non-image Flate streams (content, fonts, object streams), checked with their
     *  zlib checksums before pdf.js sees the file; images are not decoded for text and are not counted. */
    maxInflatedBytes: 200 * MB,
  },

  html: {
    /** Element nesting depth of an HTML page. Government pages nest 20–60 deep; the article finder
     *  (Readability) recurses and overflows the stack at a few thousand. */
    maxDepth: 1_000,
  },

  /** Libraries that cannot be bounded in process (mammoth, pdf.js, word-extractor, the HTML parser) run in a
   *  worker thread with these caps; the worker is terminated on breach and its memory goes with it. */
  worker: {
    /** V8 old-generation heap of one worker: the fixture PDFs need well under 200 MB, so 1 GB leaves room
     *  for long documents while a bomb is stopped long before it can hurt a 2-core, 24 GB machine. */
    maxOldGenerationSizeMb: 1024,
    maxYoungGenerationSizeMb: 64,
    /** Stack for the recursive parts of the libraries (Readability, mammoth's XML reader). */
    stackSizeMb: 8,
    /** Wall time of one file: the largest fixture takes ~2 s, 29,000 DOCX paragraphs 9 s; a minute is a
     *  stalled or hostile file. */
    timeoutMs: 60_000,
    /** Files parsed at once in workers (the machine has 2 cores); more wait in a queue of this length. */
    concurrency: 2,
    maxQueue: 32,
  },

  damage: {
    /** Share of broken characters (U+FFFD, control characters other than tab and line breaks) among the
     *  non-space characters of a text above which it is refused as damaged. Real texts have none; a wrong
     *  decoding or a page of garbage from a damaged file has many. A share, not "any": one flipped bit in a
     *  text file leaves one U+FFFD among thousands of good characters, and the document is worth keeping. */
    maxShare: 0.01,
    /** The same share with private-use characters counted too. Real texts have a few: corpus-extra 28 uses
     *  U+E010 as a numbering dot (0.32%), and PDFs made from Word show Symbol-font bullets as U+F0B7 and the
     *  like, one per list item (a few percent at most). Far more (a PDF whose fonts have no Unicode map gives
     *  nearly all private-use codes) means the text cannot be read. */
    maxShareWithPrivateUse: 0.05,
  },

  names: {
    /** Characters of a stored file name: longer names are cut, keeping the extension. */
    maxNameChars: 200,
  },

  /** OCR of scanned PDFs (ocr.ts), in a worker of its own (ocr-pdf.ts): slow, so bounded per page. */
  ocr: {
    /** Pages of a PDF without a text layer read by OCR: an A4 page takes ~11 s on 2 free cores (up to ~40 s
     *  when the machine is busy), so 60 pages is 10–40 minutes; the 37-page scanned 红头文件 fits. */
    maxPages: 60,
    /** Pixels of one page of an uploaded image (PNG, JPEG, TIFF page), from its header before decoding: an A4
     *  scan at 600 dpi is 35 million, an A3 one 70 million; more is not a page but a decompression bomb. */
    maxImagePixels: 100_000_000,
    /** Wall time of one page (render and OCR); a page over it stops the whole file. A page takes ~11 s on 2 free
     *  cores but over 100 s when eight processes share them (seen: load average 14), so 120 s stopped real pages;
     *  5 minutes still stops a stalled page. */
    pageTimeoutMs: 300_000,
    /** Wall time to start the worker, open the PDF and load the models (~1–6 s). */
    startTimeoutMs: 60_000,
    /** V8 heap of the OCR worker (the ONNX runtime's own memory, ~1 GB RSS at peak, is outside it). */
    maxOldGenerationSizeMb: 1024,
    /** OCR uses every core: one file at a time, more wait in a queue of this length. */
    concurrency: 1,
    maxQueue: 8,
  },
} as const;

export const formatMb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
