// The part of the library every search needs, in compact form: for each document, the date its
// period ends and the earliest date a library document replaced it. The status as of any date follows
// from these two alone (as validityAsOf decides it), so a worker thread can hand it over and a start
// can read it from DATA_DIR/index/library-status.json (saved with the store's change counter it was
// computed at, and the version and words of the facts) instead of building the library first.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Period, SupersedingDoc, ValidityStatus } from "../../extract/fields/validity.ts";
import { FACTS_BASIS } from "./facts.ts";

/** Per document (same order in each array): id, end of its period, first date it was replaced ("" undated: always). */
export interface StatusCore {
  ids: string[];
  expires: (string | null)[];
  replaced: (string | null)[];
}

/** The core entry of a document: its period's end, and the earliest of the dates it was replaced on. */
export function coreDates(period: Period | null, supersededBy: SupersedingDoc[]): [string | null, string | null] {
  let replaced: string | null = null;
  for (const d of supersededBy) {
    const date = d.date ?? "";
    if (replaced === null || date < replaced) replaced = date;
  }
  return [period?.to || null, replaced];
}

/** The status as of `asOf`, as validityAsOf gives it: replaced on or before it, else expired before it, else in force. */
function statusAt(expires: string | null, replaced: string | null, asOf: string): ValidityStatus {
  if (replaced !== null && replaced <= asOf) return "已被替代";
  if (expires !== null && expires < asOf) return "已到期";
  return "现行";
}

/** Every document's status as of `asOf`, by id. */
export function coreStatuses(core: StatusCore, asOf: string): Map<string, ValidityStatus> {
  const out = new Map<string, ValidityStatus>();
  for (let i = 0; i < core.ids.length; i++) out.set(core.ids[i], statusAt(core.expires[i], core.replaced[i], asOf));
  return out;
}

const STATUS_FILE = "library-status.json";
const FORMAT = 2;

const LinkedDocJson = z.object({ id: z.string(), title: z.string().nullable(), docNumber: z.string().nullable(), date: z.string().nullable() });
/** The file's first line: what the core was computed at, checked before the rest is parsed. */
const StatusHeader = z.object({ format: z.literal(FORMAT), basis: z.string(), at: z.number(), count: z.number().int().nonnegative() });
type StatusHeader = z.infer<typeof StatusHeader>;
/** The second line (checked by hand: zod takes longer than the parse on 43,749 ids). */
type Sparse = [number, string][];
interface StatusBody {
  ids: string[];
  expires: Sparse;
  replaced: Sparse;
  unplaced: z.infer<typeof LinkedDocJson>[];
}

/** What a start reads instead of building: the core and the documents without a place, at store counter `at`. */
export interface SavedStatus {
  at: number;
  core: StatusCore;
  unplaced: z.infer<typeof LinkedDocJson>[];
}

const sparse = (a: (string | null)[]): Sparse => a.flatMap((v, i) => (v === null ? [] : [[i, v] as [number, string]]));
const isSparse = (s: unknown, n: number): s is Sparse =>
  Array.isArray(s) && s.every((p) => Array.isArray(p) && Number.isInteger(p[0]) && p[0] >= 0 && p[0] < n && typeof p[1] === "string");
const dense = (n: number, s: Sparse) => {
  const out: (string | null)[] = new Array(n).fill(null);
  for (const [i, v] of s) out[i] = v;
  return out;
};

function isBody(b: unknown, count: number): b is StatusBody {
  const x = b as StatusBody;
  return (
    !!x && Array.isArray(x.ids) && x.ids.length === count && x.ids.every((id) => typeof id === "string") &&
    isSparse(x.expires, count) && isSparse(x.replaced, count) && z.array(LinkedDocJson).safeParse(x.unplaced).success
  );
}

/**
 * Save the core beside the index copy (written whole, then renamed into place; nothing left behind when
 * the disk refuses). False when it could not be written.
 */
export function saveStatus(dataDir: string, s: SavedStatus): boolean {
  const path = join(dataDir, "index", STATUS_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  const header: StatusHeader = { format: FORMAT, basis: FACTS_BASIS, at: s.at, count: s.core.ids.length };
  const body: StatusBody = { ids: s.core.ids, expires: sparse(s.core.expires), replaced: sparse(s.core.replaced), unplaced: s.unplaced };
  let fd: number | null = null;
  try {
    mkdirSync(join(dataDir, "index"), { recursive: true });
    fd = openSync(tmp, "w");
    writeSync(fd, `${JSON.stringify(header)}\n${JSON.stringify(body)}\n`);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
    return true;
  } catch {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    return false;
  }
}

const currentHeader = (line: string, at: number | null): StatusHeader | null => {
  try {
    const h = StatusHeader.safeParse(JSON.parse(line));
    return h.success && h.data.basis === FACTS_BASIS && at !== null && h.data.at === at ? h.data : null;
  } catch {
    return null;
  }
};

/** The saved core when it was computed at store counter `at` with these facts' version and words (else null). */
export function readStatus(dataDir: string, at: number | null): SavedStatus | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, "index", STATUS_FILE), "utf8");
  } catch {
    return null;
  }
  const nl = text.indexOf("\n");
  const h = nl < 0 ? null : currentHeader(text.slice(0, nl), at);
  if (!h) return null;
  let body: unknown;
  try {
    body = JSON.parse(text.slice(nl + 1));
  } catch {
    return null;
  }
  if (!isBody(body, h.count)) return null;
  return { at: h.at, core: { ids: body.ids, expires: dense(h.count, body.expires), replaced: dense(h.count, body.replaced) }, unplaced: body.unplaced };
}
