// The service's main thread runs with a young generation fixed at 128 MB (SERVER_NODE_FLAGS:
// --min-semi-space-size=128), so that searches do not meet fresh memory while it grows. V8 flags are
// per process, so every worker thread would get a fixed one too: up to 256 MB of RSS each, once it has
// allocated that much. Each isolate reads the flag when it is made, so resetting it here, before any
// worker starts, keeps the main thread's size and gives workers V8's default (grown as needed).
// Imported first by src/service/server.ts and by the bench's child (bench/search.ts).
import v8 from "node:v8";

v8.setFlagsFromString("--min-semi-space-size=0");
