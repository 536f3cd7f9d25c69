// A service or CLI process on a data directory that outlives it (unlike helpers/server.ts, whose
// directory goes with the server): the store-sync, unwritable-store and replica tests start, stop and
// restart services on directories they prepare, and upload to them with the write token.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { freePort } from "./server.ts";
import { ROOT } from "./paths.ts";

export const TOKEN = "sync-token";

export function upload(base: string, name: string, content: string, extra: { query?: string; field?: string } = {}) {
  const form = new FormData();
  form.append("file", new Blob([content]), name);
  if (extra.field !== undefined) form.append("replace", extra.field);
  return fetch(`${base}/api/documents${extra.query ?? ""}`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
}

/** Uploads the file at `path` under its own name with the write token. */
export function uploadFile(base: string, path: string) {
  const form = new FormData();
  form.append("file", new Blob([readFileSync(path)]), basename(path));
  return fetch(`${base}/api/documents`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
}

/** How many measures of document `docId` a search finds (-1 when the search fails). */
export async function docHits(base: string, docId: string): Promise<number> {
  const r = await fetch(`${base}/api/search?doc=${encodeURIComponent(docId)}&limit=1`);
  return r.status === 200 ? ((await r.json()) as { total: number }).total : -1;
}

export async function json(r: Response | Promise<Response>) {
  const res = await r;
  return { status: res.status, body: await res.json() };
}

/** The CLI as a separate process, run without blocking this one (an idle keep-alive connection to the service must see its close). */
export function cli(dataDir: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/main.ts"), ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (b) => (stdout += b));
    p.stderr.on("data", (b) => (stderr += b));
    p.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}


/** A service process: its address, the process, its output so far; stop() sends SIGTERM (or `signal`) and waits. */
export interface Service {
  base: string;
  proc: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
}

/** Services started by serveOn and not yet stopped: a failed test stops them too (register with afterEach). */
const live = new Set<Service>();
export async function stopAll(): Promise<void> {
  for (const s of [...live]) await s.stop();
}

/**
 * The service on an existing data directory (kept when it stops, unlike helpers/server.ts), with the write token and `env`;
 * `nodeArgs`: what node runs instead of src/service/server.ts through tsx (a bundle's server.mjs with its flags).
 */
export async function serveOn(dataDir: string, env: Record<string, string> = {}, nodeArgs = ["--import", "tsx", join(ROOT, "src/service/server.ts")]): Promise<Service> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, API_TOKEN: TOKEN, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (b) => (out += b));
  proc.stderr!.on("data", (b) => (out += b));
  const exited = new Promise<void>((r) => (proc.exitCode !== null ? r() : proc.once("exit", () => r())));
  const s: Service = {
    base,
    proc,
    output: () => out,
    async stop(signal = "SIGTERM") {
      live.delete(s);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
  live.add(s);
  for (let i = 0; i < 1800; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return s;
    } catch {
      // not listening yet
    }
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await s.stop();
  throw new Error(`service did not become ready:\n${out}`);
}

/** Poll `probe` every `every` ms until it holds; the elapsed ms, or null past the deadline. */
export async function within(ms: number, probe: () => Promise<boolean>, every = 20): Promise<number | null> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await probe()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, every));
  }
  return (await probe()) ? Date.now() - t0 : null;
}

export async function total(base: string, query: string): Promise<{ total: number; hits: number }> {
  const r = await (await fetch(`${base}/api/search?${query}`)).json();
  return { total: r.total, hits: r.hits.length };
}

