// A bounded set of places for work run off the event loop: at most `concurrency` at once, at most
// `maxQueue` waiting; one more is refused with `busy` (the caller's Chinese reason). A finished job hands
// its place straight to the first in the queue.
import { IngestError } from "../errors.ts";

export function boundedSlots(limits: () => { concurrency: number; maxQueue: number }, busyReason: (maxQueue: number) => string): () => Promise<() => void> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async () => {
    const { concurrency, maxQueue } = limits();
    if (running < concurrency) running++;
    else {
      if (waiting.length >= maxQueue) throw new IngestError("busy", busyReason(maxQueue));
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    return () => {
      const next = waiting.shift();
      if (next) next();
      else running--;
    };
  };
}
