// OCR quality of stored documents (issue 18), in a table of its own beside the store's: which pages were read
// by OCR, their confidence and the weakly read lines, keyed by document id. The row goes with its document
// (ON DELETE CASCADE: a deleted or replaced document takes its quality record along; the store has foreign
// keys on). The table is created when first written, inside the ingest transaction, so a document and its
// quality are written together or not at all; a store that never read a scan has no such table.
import type Database from "better-sqlite3";
import { OcrQuality } from "../../extract/loaders/ocr-quality.ts";

const TABLE = `
CREATE TABLE IF NOT EXISTS document_ocr (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  quality TEXT NOT NULL
)`;

/** Keep a document's OCR quality (replacing an earlier record); call inside the transaction that writes it. */
function saveOcrQuality(db: Database.Database, docId: string, quality: OcrQuality): void {
  db.exec(TABLE);
  db.prepare("INSERT OR REPLACE INTO document_ocr (doc_id, quality) VALUES (?, ?)").run(docId, JSON.stringify(OcrQuality.parse(quality)));
}

function hasTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_ocr'").get() !== undefined;
}

/** A document's OCR quality, or null when no page of it was read by OCR. */
export function ocrQualityOf(db: Database.Database, docId: string): OcrQuality | null {
  if (!hasTable(db)) return null;
  const row = db.prepare("SELECT quality FROM document_ocr WHERE doc_id = ?").get(docId) as { quality: string } | undefined;
  if (!row) return null;
  const parsed = OcrQuality.safeParse(JSON.parse(row.quality));
  return parsed.success ? parsed.data : null;
}

/** Store.ingest options that write a document's OCR quality in the same transaction (none when not OCR-read). */
export function ocrQualityWrite(db: Database.Database, doc: { document: { id: string }; ocr?: OcrQuality }): { beforeCommit?: () => void } {
  const quality = doc.ocr;
  return quality ? { beforeCommit: () => saveOcrQuality(db, doc.document.id, quality) } : {};
}
