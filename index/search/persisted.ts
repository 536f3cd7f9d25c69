// Persistence of the search index: its state as a snapshot's manifest and flat columns (snapshot.ts,
// flat/*), and back. Restoring takes the columns over as views of the file's buffer and looks postings
// up in place; measure ids and each document's metadata are decoded when first asked for.
import type { Index } from "flexsearch";
import type { DocRef } from "../schema.ts";
import type { Snapshot, ColumnArray } from "./snapshot.ts";
import type { DensePostings } from "./dense-postings.ts";
import { RESOLUTION } from "./text-index.ts";
import { attachPostings, flattenPostings } from "./flat/text-postings.ts";
import { adoptSaved, compactPostings } from "./flat/compact.ts";
import { flattenDense, restoreDense, type DenseColumns } from "./flat/dense.ts";
import { columnOver, decodeIds, encodeIds } from "./flat/columns.ts";
import { StringColumn, encodeStrings } from "./flat/strings.ts";
import { EMPTY_REF, decodeDocs, encodeDocs } from "./flat/docs.ts";
import { SavedUnits, encodeUnits, type UnitColumns } from "./flat/units.ts";
import { TOKENIZER_FINGERPRINT, addWords } from "./tokenizer.ts";
import { QueryIndex } from "./query-index.ts";
import { scopeOf } from "./regions.ts";

const RANKED = ["doc", "unit", "place"] as const;

export const SNAPSHOT_FORMAT = 7; // 5: documents without a place under 国家层面 / 地区未识别; 6: flat columns and postings (read without parsing); 7: per-document columns saved

export abstract class PersistedIndex extends QueryIndex {
  /**
   * Once a build (or a batch of adds) ends: the text postings made flat in memory and the unit postings
   * views of flat columns, the form a restored index reads in place, so that the process that built the
   * index queries them through the native kernels too (flat/compact.ts).
   */
  compactPostings(): void {
    compactPostings(this.body, RESOLUTION);
    compactPostings(this.title, RESOLUTION);
    if (this.unitIds.some((ids) => Array.isArray(ids))) this.takeUnitColumns(this.unitColumns());
  }

  /** After the columns of snapshotParts were written: the flat postings among them kept as the index's (flat/compact.ts adoptSaved). */
  protected keepSavedPostings(c: Record<string, ColumnArray>): void {
    const flat = (name: string) => ({ terms: c[`${name}Terms`], termOff: c[`${name}TermOff`], off: c[`${name}Off`], ids: c[`${name}Ids`] }) as Parameters<typeof adoptSaved>[1];
    adoptSaved(this.body, flat("body"), RESOLUTION);
    adoptSaved(this.title, flat("title"), RESOLUTION);
    // Units grown since (arrays again): the saved columns are small (a tenth of the text postings).
    if (this.unitIds.some((ids) => Array.isArray(ids))) this.takeUnitColumns(c as unknown as ReturnType<PersistedIndex["unitColumns"]>);
  }

  /** Unit postings, unit by unit: unit c's measures (with their role bits) at unitOff[c] .. unitOff[c + 1]. */
  private unitColumns(): { unitOff: Uint32Array; unitIds: Int32Array; unitRoles: Uint8Array } {
    const unitOff = new Uint32Array(this.unitKeys.length + 1);
    this.unitIds.forEach((ids, c) => (unitOff[c + 1] = unitOff[c] + ids.length));
    const unitIds = new Int32Array(unitOff[this.unitKeys.length]);
    const unitRoles = new Uint8Array(unitIds.length);
    this.unitIds.forEach((ids, c) => {
      unitIds.set(ids, unitOff[c]);
      unitRoles.set(this.unitRoles[c], unitOff[c]);
    });
    return { unitOff, unitIds, unitRoles };
  }

  /**
   * Unit postings as views of flat columns (read by the native kernels; core.ts makes a unit's arrays
   * again when it gains a measure), as a restored index holds them.
   */
  private takeUnitColumns({ unitOff, unitIds, unitRoles }: { unitOff: Uint32Array; unitIds: Int32Array; unitRoles: Uint8Array }): void {
    this.unitIds = this.unitKeys.map((_, i) => unitIds.subarray(unitOff[i], unitOff[i + 1]) as unknown as number[]);
    this.unitRoles = this.unitKeys.map((_, i) => unitRoles.subarray(unitOff[i], unitOff[i + 1]) as unknown as number[]);
  }

  /** The manifest (with `extra` fields: the store's change counter) and the columns of a snapshot of this index. */
  protected snapshotParts(extra: Record<string, unknown>): { manifest: Record<string, unknown>; columns: Record<string, ColumnArray> } {
    this.syncDictionary();
    this.syncDense();
    const { unitOff, unitIds, unitRoles } = this.unitColumns();
    const text = (name: string, index: Index) => {
      const f = flattenPostings(index, RESOLUTION);
      return { [`${name}Terms`]: f.terms, [`${name}TermOff`]: f.termOff, [`${name}Off`]: f.off, [`${name}Ids`]: f.ids };
    };
    const dense = (name: string, d: DensePostings) => {
      const state = d.export();
      const cols = flattenDense(state, RESOLUTION);
      return { cols: Object.fromEntries(Object.entries(cols).map(([k, v]) => [`${name}${k[0].toUpperCase()}${k.slice(1)}`, v])), marks: [state.syncedAt, state.lookedAt] };
    };
    const [db, dt] = [dense("denseBody", this.denseBody), dense("denseTitle", this.denseTitle)];
    // Per place and year: its documents' (slot, first, end, date) quadruples, one after another.
    const ranges = [...this.filterRanges];
    const rangeKeys = encodeStrings(ranges.map(([k]) => k));
    const rangeOff = new Uint32Array(ranges.length + 1);
    ranges.forEach(([, col], i) => (rangeOff[i + 1] = rangeOff[i] + col.length));
    const rangeData = new Int32Array(rangeOff[ranges.length]);
    ranges.forEach(([, col], i) => rangeData.set(col.view(), rangeOff[i]));
    const filterRanges = { rangeKeys: rangeKeys.blob, rangeKeyOff: rangeKeys.off, rangeOff, rangeData };
    const manifest = {
      format: SNAPSHOT_FORMAT,
      tokenizer: TOKENIZER_FINGERPRINT,
      documentIds: this.documentIds(),
      words: [...this.covered],
      measures: this.mid.length,
      dead: this.dead,
      scopes: this.docs.map((d) => d.scope),
      places: this.places,
      dense: { body: db.marks, title: dt.marks },
      years: Number.isFinite(this.years[0]) ? this.years : null,
      live: this.docSlot.size,
      ...extra,
    };
    const columns: Record<string, ColumnArray> = {
      // Dead measures as "".
      ...((ids) => ({ mid: ids.blob, midOff: ids.off }))(encodeIds(this.mid, (i) => this.isAlive(i))),
      ...encodeDocs(this.docs, (s) => this.docAlive.data[s] === 1),
      docOf: this.docOf.view(),
      docLo: this.docLo.view(),
      docHi: this.docHi.view(),
      uOff: this.uOff.view(),
      uVal: this.uVal.view(),
      aliveBits: this.aliveBits.view(),
      roleLead: this.roleBits[0].view(),
      roleCoop: this.roleBits[1].view(),
      roleResponsible: this.roleBits[2].view(),
      leadBase: this.leadBase.view(),
      leadUnits: this.leadUnits.view(),
      leadMulti: this.leadMulti.view(),
      unitOff,
      unitIds,
      unitRoles,
      ...encodeUnits(this.unitKeys, (c) => this.canonOf(c), (c) => this.spellOf(c)),
      docDate: this.docDate.view(),
      docGroup: this.docGroup.view(),
      groupCodes: this.groupCodes.view(),
      wordDoc: this.wordDoc.view(),
      ...filterRanges,
      ...text("body", this.body),
      ...text("title", this.title),
      ...db.cols,
      ...dt.cols,
      ...this.rankColumns(),
    };
    return { manifest, columns };
  }

  /** The facets' sort ranks of documents, units (with their display names) and places, saved so that a restored index's first search does not sort them again. */
  private rankColumns(): Record<string, ColumnArray> {
    const out: Record<string, ColumnArray> = {};
    for (const kind of RANKED) {
      const r = this.ranks(kind);
      out[`${kind}Rank`] = r.rank;
      out[`${kind}ByRank`] = r.byRank;
      if (r.display) {
        const d = encodeStrings(r.display);
        out[`${kind}Display`] = d.blob;
        out[`${kind}DisplayOff`] = d.off;
      }
    }
    return out;
  }

  /** The saved ranks where present and of the restored tables' sizes (else they are sorted on first use). */
  private restoreRanks(c: Record<string, ColumnArray | undefined>): void {
    const sizes = { doc: this.docs.length, unit: this.unitKeys.length, place: this.places.length };
    for (const kind of RANKED) {
      const [rank, byRank] = [c[`${kind}Rank`], c[`${kind}ByRank`]];
      if (!(rank instanceof Int32Array) || !(byRank instanceof Int32Array) || rank.length !== sizes[kind] || byRank.length !== sizes[kind]) continue;
      const [blob, off] = [c[`${kind}Display`], c[`${kind}DisplayOff`]];
      const display = blob instanceof Uint8Array && off instanceof Uint32Array ? new StringColumn(blob, off).toArray() : undefined;
      if (kind === "unit" && display?.length !== sizes.unit) continue;
      this.rankCache[kind] = { rank, byRank, display };
    }
  }

  /** Take over a snapshot read by readSnapshot() (into a new, empty index). */
  protected restore(snap: Snapshot): void {
    const m = snap.manifest as unknown as {
      words: string[];
      measures: number;
      dead: number;
      /** Before the documents were columns (docIds, docRefs): their metadata, by slot. */
      docs?: (DocRef | null)[];
      scopes?: (string | null)[];
      places: string[];
      /** Before the units were columns (unitKeys …): keys and names. */
      units?: { key: string; canon: [string, number][]; names: string[] }[];
      dense: { body: [number, number]; title: [number, number] };
      years: [number, number] | null;
    };
    const c = snap.columns as Record<string, never>; // each of the type it was saved as
    // The dictionary as it was when the documents were cut.
    addWords(m.words);
    for (const w of m.words) this.covered.add(w);
    this.mid = decodeIds(c.mid, m.measures, c.midOff);
    this.docOf = columnOver(Int32Array, c.docOf);
    this.uOff = columnOver(Uint32Array, c.uOff);
    this.uVal = columnOver(Uint32Array, c.uVal);
    this.aliveBits = columnOver(Int32Array, c.aliveBits);
    this.roleBits = [c.roleLead, c.roleCoop, c.roleResponsible].map((v) => columnOver(Int32Array, v, true));
    this.leadBase = columnOver(Int32Array, c.leadBase, true);
    this.leadUnits = columnOver(Int32Array, c.leadUnits, true);
    this.leadMulti = columnOver(Int32Array, c.leadMulti, true);
    this.dead = m.dead;
    if (this.docOf.length !== m.measures || this.uOff.length !== m.measures + 1) throw new Error("索引副本的列长度不一致");
    for (const name of m.places) this.placeCodeOf(name);
    // Units: keys, names and postings set in one pass (unitCodeOf would make each twice).
    const [unitOff, unitIds, unitRoles]: [Uint32Array, Int32Array, Uint8Array] = [c.unitOff, c.unitIds, c.unitRoles];
    if (snap.columns.unitKeys) {
      // Keys now, each unit's names when first asked for.
      this.savedUnits = new SavedUnits(snap.columns as unknown as UnitColumns);
      this.unitKeys = this.savedUnits.keys;
      this.unitCanon = new Array(this.unitKeys.length);
      this.unitSpell = new Array(this.unitKeys.length);
    } else {
      const units = m.units ?? [];
      this.unitKeys = units.map((u) => u.key);
      this.unitCanon = units.map((u) => new Map(u.canon));
      this.unitSpell = units.map((u) => new Set(u.names));
    }
    if (unitOff.length !== this.unitKeys.length + 1) throw new Error("索引副本的单位列长度不一致");
    this.unitCode = new Map(this.unitKeys.map((k, i) => [k, i]));
    // Postings as views of the file (read as arrays everywhere; core.ts makes them arrays when a unit grows).
    this.takeUnitColumns({ unitOff, unitIds, unitRoles });
    this.unitMatchCache.clear();
    // Per-document columns as saved (dates, facet groups, the slot of each bitset word, filter ranges).
    if ((c.docHi as Int32Array).length !== (c.docLo as Int32Array).length || (c.docGroup as Int32Array).length !== (c.docLo as Int32Array).length) throw new Error("索引副本的文件列长度不一致");
    this.docLo = columnOver(Int32Array, c.docLo);
    this.docHi = columnOver(Int32Array, c.docHi, true);
    this.docDate = columnOver(Uint32Array, c.docDate);
    this.docGroup = columnOver(Int32Array, c.docGroup, true);
    this.groupCodes = columnOver(Int32Array, c.groupCodes, true);
    this.wordDoc = columnOver(Int32Array, c.wordDoc, true);
    const codes: Int32Array = c.groupCodes;
    for (let g = 0; g < codes.length / 4; g++) this.groupOf.set(Array.from(codes.subarray(4 * g, 4 * g + 4)).join(), g);
    const [rangeKeys, rangeOff, rangeData] = [new StringColumn(c.rangeKeys, c.rangeKeyOff), c.rangeOff as Uint32Array, c.rangeData as Int32Array];
    for (let i = 0; i < rangeKeys.length; i++) this.filterRanges.set(rangeKeys.get(i), columnOver(Int32Array, rangeData.subarray(rangeOff[i], rangeOff[i + 1])));
    if (m.years) this.years = m.years;
    const alive = new Uint8Array(this.docLo.length);
    if (snap.columns.docIds && m.scopes) {
      // Ids decoded now, each document's metadata when first asked for.
      const { slots, ids } = decodeDocs(snap.columns as never, m.scopes);
      this.docs = slots;
      ids.forEach((id, s) => {
        if (!id) return;
        alive[s] = 1;
        this.docSlot.set(id, s);
      });
    } else {
      // A copy written before the documents were columns: their metadata in the manifest.
      if (!Array.isArray(m.docs) || m.docs.length !== alive.length) throw new Error("索引副本的文件列长度不一致");
      m.docs.forEach((ref, s) => {
        const r = ref ?? EMPTY_REF;
        // A saved scope (null: the document has a place) is taken as it is.
        const scope = m.scopes && m.scopes[s] !== undefined ? m.scopes[s] : scopeOf(r);
        this.docs.push({ ref: r, scope });
        if (ref) {
          alive[s] = 1;
          this.docSlot.set(ref.id, s);
        }
      });
    }
    this.docAlive = columnOver(Uint8Array, alive);
    attachPostings(this.body, { terms: new StringColumn(c.bodyTerms, c.bodyTermOff), off: c.bodyOff, ids: c.bodyIds, r: RESOLUTION });
    attachPostings(this.title, { terms: new StringColumn(c.titleTerms, c.titleTermOff), off: c.titleOff, ids: c.titleIds, r: RESOLUTION });
    const dense = (name: string) => Object.fromEntries(["terms", "termOff", "meta", "wordOff", "bits", "pre", "slotOff", "slot"].map((k) => [k, c[`${name}${k[0].toUpperCase()}${k.slice(1)}`]])) as unknown as DenseColumns;
    this.denseBody.restore(restoreDense(dense("denseBody"), RESOLUTION, ...m.dense.body));
    this.denseTitle.restore(restoreDense(dense("denseTitle"), RESOLUTION, ...m.dense.title));
    this.syncDense();
    this.restoreRanks(snap.columns);
    // Words added in this process that the saved tokens do not know are reconciled on first use.
    this.dictVersion = 0;
  }
}
