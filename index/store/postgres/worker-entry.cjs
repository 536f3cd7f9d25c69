// The connection thread's entry from the sources (connection.ts; from the bundle .build/postgres-worker.mjs
// runs instead). Under node 20, tsx's ESM hooks do not reach a worker's own imports, but its require hook
// does (as in piscina's workers): the TypeScript worker is required through it.
require("./worker.ts");
