// A bounded set of places for work run off the event loop: at most `concurrency` at once, at most
// `maxQueue` waiting; one more is refused with `busy` (the caller's Chinese reason). A finished job hands
// its place straight to the first in the queue. `onWait` is called when the caller joins the queue (not when
// it is refused, nor when a place is free at once).
import { IngestError } from "../errors.ts";

export function boundedSlots(limits: () => { concurrency: number; maxQueue: number }, busyReason: (maxQueue: number) => string): (onWait?: () => void) => Promise<() => void> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (onWait) => {
    const { concurrency, maxQueue } = limits();
    if (running < concurrency) running++;
    else {
      if (waiting.length >= maxQueue) throw new IngestError("busy", busyReason(maxQueue));
      onWait?.();
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    return () => {
      const next = waiting.shift();
      if (next) next();
      else running--;
    };
  };
}
