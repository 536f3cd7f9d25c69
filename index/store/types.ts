// What the store takes and gives back, on either engine: ingest options and outcomes, document summaries and stored documents.
import type { PolicyDocument } from "../../extract/schema.ts";
import type { DocumentParts } from "../../extract/document.ts";
import type { Corrections, MetadataPatch } from "./overrides.ts";

export type IngestStatus = "added" | "replaced" | "unchanged" | "duplicate";

export interface IngestOptions {
  /**
   * How the document relates to those already stored:
   * - "source" (default, the CLI): a document with the same source is its old version and is replaced;
   * - "new" (uploads): never replaces anything; when the source name is taken by another document
   *   the new one is stored under a free variant ("通知 (2).txt");
   * - { replace: id }: the user's explicit request that this file replace document `id` (which must exist).
   * Identical content is "unchanged" (same source) or "duplicate" (another source) in every mode.
   */
  identity?: "source" | "new" | { replace: string };
  /** Runs inside the transaction (tests use it to simulate a crash). */
  beforeCommit?: () => void;
  /** The file as given (kept byte for byte, served as the document's original). */
  file?: { bytes: Buffer; name: string };
  /** Corrections given with the file (upload form fields), stored in the same transaction. */
  corrections?: { patch: MetadataPatch; by: string };
}

export interface IngestOutcome {
  status: IngestStatus;
  id: string;
  /** The source the document was stored under (may differ from the one asked for in "new" mode). */
  source?: string;
  /** For a duplicate: the source that already holds the same content. */
  existingSource?: string;
}

export interface DocumentSummary {
  id: string;
  source: string;
  format: string;
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  region: { province: string | null; city: string | null; county: string | null };
  issuedDate: string | null;
  publishedDate: string | null;
  measureCount: number;
  /** Whether a person corrected some of the metadata (the values above are the corrected ones). */
  corrected: boolean;
}

/** The metadata as extraction read it, before corrections. */
export type ExtractedMetadata = Pick<DocumentSummary, "title" | "docNumber" | "issuer" | "region" | "issuedDate" | "publishedDate">;

export type StoredDocument = PolicyDocument & { parts: DocumentParts; measureCount: number; extracted: ExtractedMetadata; corrections: Corrections | null };
