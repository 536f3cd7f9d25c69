// The library worker's entry from the sources (warm.ts; from the bundle .build/library-worker.mjs runs
// instead). Under node 20, tsx's ESM hooks do not reach a worker's own imports, but its require hook does
// (as in piscina's workers and postgres/worker-entry.cjs): the TypeScript worker is required through it.
require("./build-worker.ts");
