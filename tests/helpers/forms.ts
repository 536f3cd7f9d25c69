// Shared by the catalogue's form tests (tests/extraction-forms*.test.ts): a corpus-extra file by its
// prefix, unit pairs in a place, a document's paths, and the measures of the unseen sets' texts.
import { join } from "node:path";
import type { Region } from "../../extract/schema.ts";
import { extractUnits, type UnitContext } from "../../extract/fields/units.ts";
import type { extractDocument } from "../../extract/document.ts";
import { CORPUS_EXTRA, listDir } from "./paths.ts";
import { extractFile } from "./extract.ts";

export const file = (prefix: string) => join(CORPUS_EXTRA, listDir(CORPUS_EXTRA).find((f) => f.startsWith(prefix))!);
export const NATIONAL: Region = { province: null, city: null, county: null };
export const ctx = (region: Region = NATIONAL, leadFirst = false): UnitContext => ({ region, leadFirst });
export const units = (text: string, c: UnitContext = ctx()) => extractUnits(text, c).map((u) => `${u.role}:${u.name}`);
export const paths = async (prefix: string) => (await extractFile(file(prefix))).document.measures.map((m) => m.path);
export const UNSEEN = join(import.meta.dirname, "..", "data", "unseen");
export const unseen = async (name: string) => (await extractFile(join(UNSEEN, `${name}.txt`))).document;
export const measure = (d: { measures: { path: string }[] }, path: string) => d.measures.find((m) => m.path === path)! as ReturnType<typeof extractDocument>["document"]["measures"][number];
export const roles = (m: { units: { role: string; name: string; canonical: string }[] }) => m.units.map((u) => `${u.role}:${u.name}:${u.canonical}`);
