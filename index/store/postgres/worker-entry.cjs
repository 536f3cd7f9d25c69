// The connection thread's entry. Under node 20, tsx's ESM hooks do not reach a worker's own imports, but
// its require hook does (as in piscina's workers): the TypeScript worker is required through it.
require("./worker.ts");
