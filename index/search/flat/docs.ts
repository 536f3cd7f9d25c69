// The documents of a snapshot as two string columns by slot: ids, and each document's metadata as JSON
// (dead slots ""). A start decodes the ids only; a document's metadata is parsed when first asked for.
import type { DocRef } from "../../schema.ts";
import type { DocSlot } from "../core.ts";
import { StringColumn, encodeStrings } from "./strings.ts";

/** A removed document's slot. */
export const EMPTY_REF: DocRef = { id: "", title: null, docNumber: null, issuer: null, region: { province: null, city: null, county: null }, date: null };

/** The columns of `docs`; `alive(s)` false for a removed document's slot. */
export function encodeDocs(docs: readonly DocSlot[], alive: (slot: number) => boolean) {
  const ids = encodeStrings(docs.map((d, s) => (alive(s) ? d.ref.id : "")));
  const refs = encodeStrings(docs.map((d, s) => (alive(s) ? JSON.stringify(d.ref) : "")));
  return { docIds: ids.blob, docIdOff: ids.off, docRefs: refs.blob, docRefOff: refs.off };
}

/** A slot restored from a snapshot: its metadata parsed on first use. */
class SavedDoc implements DocSlot {
  private parsed: DocRef | undefined;
  constructor(
    private readonly refs: StringColumn,
    private readonly slot: number,
    readonly scope: string | null,
  ) {}

  get ref(): DocRef {
    if (!this.parsed) {
      const json = this.refs.get(this.slot);
      this.parsed = json ? (JSON.parse(json) as DocRef) : EMPTY_REF;
    }
    return this.parsed;
  }
}

/** The slots of encodeDocs()'s columns with their saved scopes, and each slot's id ("" when removed). */
export function decodeDocs(c: { docIds: Uint8Array; docIdOff: Uint32Array; docRefs: Uint8Array; docRefOff: Uint32Array }, scopes: readonly (string | null)[]): { slots: DocSlot[]; ids: string[] } {
  const ids = new StringColumn(c.docIds, c.docIdOff);
  const refs = new StringColumn(c.docRefs, c.docRefOff);
  if (ids.length !== refs.length || scopes.length !== ids.length) throw new Error("索引副本的文件列长度不一致");
  return { slots: scopes.map((scope, s) => new SavedDoc(refs, s, scope)), ids: ids.toArray() };
}
