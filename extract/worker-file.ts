// Which file a worker thread runs, and with which flags. A process started from the bundle (`npm start`
// runs .build/server.mjs; src/service/bundle.mjs's banner records the bundle's folder in globalThis.__policyBundle)
// starts each worker from its own bundled module beside it (.build/<name>.mjs: plain JavaScript, nothing
// compiled in the worker). Any other process (tests under vitest, `npm run cli`), or a bundle whose worker
// modules are missing (their build failed), starts the TypeScript entry with tsx.
// POLICY_WORKER_LOG=<file>: each choice is appended there as a JSON line (tests check what was started).
import { appendFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The workers, as src/service/bundle.mjs names their bundled modules. */
export type WorkerName = "library-worker" | "comparison-worker" | "export-worker" | "loader-worker" | "ocr-worker" | "postgres-worker";

export interface WorkerFile {
  /** Absolute path of the module the worker runs. */
  file: string;
  /** The worker's flags (undefined: the parent's). */
  execArgv: string[] | undefined;
  bundled: boolean;
}

declare global {
  // Set by the bundle's banner: the URL of the folder holding server.mjs and the workers' modules.
  var __policyBundle: string | undefined;
}

/** tsx's loader for a TypeScript entry, unless this process already has it (the worker inherits the parent's flags). */
export const TSX_EXEC_ARGV: string[] | undefined = process.execArgv.some((a) => /\btsx\b/.test(a)) ? undefined : ["--import", "tsx"];

/**
 * The module and flags for worker `name`: its bundled module when this process runs from the bundle (no
 * flags: the parent's V8 flags are refused in a worker, and nothing needs compiling), else `source` (the
 * TypeScript entry, as `new URL("./x.ts", import.meta.url)` at the spawn site) with `sourceExecArgv`.
 */
export function workerFile(name: WorkerName, source: URL, sourceExecArgv: string[] | undefined = TSX_EXEC_ARGV): WorkerFile {
  const dir = globalThis.__policyBundle;
  const bundledFile = dir ? fileURLToPath(new URL(`${name}.mjs`, dir)) : null;
  const chosen: WorkerFile =
    bundledFile && existsSync(bundledFile) ? { file: bundledFile, execArgv: [], bundled: true } : { file: fileURLToPath(source), execArgv: sourceExecArgv, bundled: false };
  const log = process.env.POLICY_WORKER_LOG;
  if (log) {
    try {
      appendFileSync(log, `${JSON.stringify({ name, ...chosen })}\n`);
    } catch {
      // a diagnostic only
    }
  }
  return chosen;
}
