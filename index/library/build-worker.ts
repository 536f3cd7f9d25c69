// The library built on a worker thread (warm.ts): the worker opens the same store itself, builds the
// library as the main thread would (library.ts; saving the core beside the index copy for the next
// start) and hands back what it computed, compact (status core, unplaced documents, each entry as JSON).
import { parentPort, workerData } from "node:worker_threads";
import { openStore, type StoreTarget } from "../store/engine.ts";
import { Library } from "./library.ts";

const store = openStore(workerData as StoreTarget);
try {
  parentPort!.postMessage(new Library(store).result());
} finally {
  store.close();
}
