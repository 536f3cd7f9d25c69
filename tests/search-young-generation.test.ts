// The service's young generation (SERVER_NODE_FLAGS) is fixed at its full size on the main thread only:
// src/service/young-generation.ts resets the flag before any worker starts, so workers get V8's default.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../src/http/http-server.ts";

const ROOT = resolve(import.meta.dirname, "..");
// Each thread allocates 64 MB of short-lived arrays, then reports its new space's size in MB (V8's default
// young generation stays a few MB for such garbage).
const NEW_SPACE = `(() => {
  let keep = null;
  for (let i = 0; i < 64 * 1024; i++) { const a = new Array(126); a[0] = keep; keep = i % 64 ? a : null; }
  return Math.round(v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size / 1048576);
})()`;
const probe = (reset: boolean) => `
import v8 from "node:v8";
import { Worker } from "node:worker_threads";
${reset ? `await import(${JSON.stringify(pathToFileURL(join(ROOT, "src/service/young-generation.ts")).href)});` : ""}
const w = new Worker(${JSON.stringify(`import v8 from "node:v8"; import { parentPort } from "node:worker_threads"; parentPort.postMessage(${NEW_SPACE});`)}, { eval: true });
w.on("message", (worker) => { console.log(JSON.stringify({ main: ${NEW_SPACE}, worker })); w.terminate(); });
`;

function run(reset: boolean): { main: number; worker: number } {
  const r = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "--input-type=module", "-e", probe(reset)], { cwd: ROOT, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

describe("young generation of the service", () => {
  it("is fixed at 128 MB on the main thread, and left to grow in workers once reset", () => {
    const fixed = run(false);
    expect(fixed.main).toBeGreaterThanOrEqual(128);
    expect(fixed.worker).toBeGreaterThanOrEqual(128); // the process's flag reaches workers unless reset
    const reset = run(true);
    expect(reset.main).toBeGreaterThanOrEqual(128);
    expect(reset.worker).toBeLessThan(64);
  });
});
