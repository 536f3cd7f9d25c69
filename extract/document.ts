// Loaded text → the contract's document object: repair, metadata, segmentation, extraction. Pure (no I/O).
import { createHash } from "node:crypto";
import type { DocFormat, Measure, PolicyDocument } from "./schema.ts";
import { repairText } from "./structure/repair.ts";
import { buildOutline, type OutlineNode, type TableRow } from "./structure/outline.ts";
import { selectMeasures } from "./structure/select-measures.ts";
import { extractMetadata } from "./fields/metadata.ts";
import { extractDeadlines, yearBlockDeadline } from "./fields/deadlines.ts";
import { extractTargets } from "./fields/targets.ts";
import { inPresentStateSection } from "./fields/targets/sections.ts";
import { canonicalUnit, extractTableRowUnits, extractUnits, leadFirstFrom, underDutyHeading, type UnitContext } from "./fields/units.ts";
import { townDocument, unplacedLabel } from "./fields/unit-canonical.ts";
import type { LoadedText, OcrQuality } from "./loaders/index.ts";

export interface DocumentParts {
  preamble: string;
  closing: string;
  /** Every numbered item with its heading, for showing the document's tree. */
  outline: { path: string; heading: string; depth: number; measure: boolean }[];
}

export interface ExtractedDocument {
  document: PolicyDocument;
  original: string;
  repaired: string;
  parts: DocumentParts;
  /** Pages read by OCR and how well (stored beside the document; not part of the contract's JSON). */
  ocr?: OcrQuality;
}

/** sha256 of the normalised text (white space removed), first 16 hex. */
export function documentId(repaired: string): string {
  return createHash("sha256").update(repaired.replace(/\s+/g, "")).digest("hex").slice(0, 16);
}

// "负责人" names a person, no role ("（三）开展生产经营单位主要负责人安全教育培训行动。" over 8., 宝山水务 2024, tests/data/unseen14h2):
// no fact of the heading's own.
function hasOwnFacts(heading: string): boolean {
  return /牵头|配合|责任单位|负责(?!人)/.test(heading) || extractDeadlines(heading, "2000-01-01").length > 0 || extractTargets(heading).length > 0;
}

/** Units of a 任务分工表 row: its 牵头 and 配合 cells, and a 责任单位 cell read as a labelled line. */
function rowUnits(row: TableRow, ctx: UnitContext) {
  const units = extractTableRowUnits(row.lead, row.coop, ctx);
  if (row.responsible) units.push(...extractUnits(`责任单位:${row.responsible.replace(/\n/g, "、")}`, ctx));
  return units;
}

export function extractDocument(loaded: LoadedText, source: string): ExtractedDocument {
  const repaired = repairText(loaded.text, loaded.pages).text;
  const { preamble, closing, roots } = buildOutline(repaired, loaded.text);
  const meta = extractMetadata(loaded.text, repaired, preamble, closing);
  const id = documentId(repaired);
  const base = meta.issuedDate ?? meta.publishedDate;
  const segments = selectMeasures(roots, hasOwnFacts);
  const leadFirstAt = leadFirstFrom(repaired, segments.map((s) => s.text));

  const measures: Measure[] = segments.map((s, i) => {
    const leadFirst = leadFirstAt >= 0 && i >= leadFirstAt;
    // "一、发展现状": a present-state section's figures and dates are facts, no targets or deadlines
    const facts = inPresentStateSection(s.title, s.context);
    const deadlines = facts ? [] : extractDeadlines(s.text, base);
    if (s.yearBlock && !facts) {
      // A plan-period block ("“十二五”时期…") dates its items by the period it names.
      const block = yearBlockDeadline(s.yearBlock) ?? extractDeadlines(s.yearBlock, base).find((d) => d.kind === "period") ?? null;
      if (block && !deadlines.some((d) => d.kind === block.kind && d.end === block.end)) deadlines.unshift(block);
    }
    return {
      id: `${id}:${s.path}`,
      path: s.path,
      title: s.title,
      text: s.text,
      units: s.row
        ? rowUnits(s.row, { region: meta.region, leadFirst, atEnd: i === segments.length - 1 && !closing && [s.row.lead, s.row.coop].some((c) => c.trim() && repaired.trimEnd().endsWith(c.trim())) })
        : extractUnits(s.text, { region: meta.region, leadFirst, atEnd: i === segments.length - 1 && !closing && repaired.trimEnd().endsWith(s.text.trimEnd()), dutyItems: underDutyHeading(s.context) }),
      deadlines,
      targets: facts ? [] : extractTargets(s.text),
    };
  });
  // Second look at canonical names now that every unit the document names is known (typos, truncations).
  const known = [...new Set(measures.flatMap((m) => m.units.map((u) => u.name)))];
  // A document of unknown place keeps its local units apart (市科技局（地区未识别：<title>）).
  const unplaced = unplacedLabel({ id, ...meta }, known);
  const town = townDocument(meta.issuer, repaired);
  for (const m of measures) for (const u of m.units) u.canonical = canonicalUnit(u.name, meta.region, known, unplaced, town);

  const measurePaths = new Set(measures.map((m) => m.path));
  const outline: DocumentParts["outline"] = [];
  const walk = (n: OutlineNode, depth: number) => {
    outline.push({ path: n.path, heading: n.head, depth, measure: measurePaths.has(n.path) });
    if (!measurePaths.has(n.path)) n.children.forEach((c) => walk(c, depth + 1));
  };
  roots.forEach((r) => walk(r, 0));

  const document: PolicyDocument = {
    id,
    source,
    format: loaded.format as DocFormat,
    ...meta,
    measures,
  };
  return { document, original: loaded.text, repaired, parts: { preamble, closing, outline }, ...(loaded.ocr ? { ocr: loaded.ocr } : {}) };
}
