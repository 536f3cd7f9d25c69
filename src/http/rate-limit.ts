// A rate limit per client address (token bucket): `limit` requests per `windowSec`, refilled evenly,
// so a client past its budget waits for one token rather than for a whole window. In memory, bounded.
import { envNumber } from "../service/env-number.ts";

export interface RateLimitOptions {
  /** Requests per window; 0 turns the limit off. */
  limit: number;
  windowSec: number;
}

/** ANON_RATE_LIMIT (requests per window, 0 = off) and ANON_RATE_WINDOW (seconds); see README. */
export function anonRateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  return { limit: Math.floor(envNumber(env, "ANON_RATE_LIMIT", 20, 0)), windowSec: envNumber(env, "ANON_RATE_WINDOW", 60, 0.1) };
}

const MAX_CLIENTS = 100_000;

/**
 * The key a client is counted under: an IPv4 address as it is (also when mapped into IPv6), an IPv6
 * address by its /64 network (one subscriber is usually given a whole /64, and could otherwise take a
 * fresh address for every request).
 */
export function clientKey(address: string): string {
  const plain = address.replace(/%.*$/, ""); // zone index (fe80::1%eth0)
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(plain);
  if (mapped) return mapped[1];
  if (!plain.includes(":")) return plain;
  const [head, tail] = plain.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(":")}::/64`;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = options.limit / (options.windowSec * 1000);
  }

  /** Take one request from `key`'s budget: 0 when allowed, else the seconds until it would be. */
  take(key: string): number {
    const { limit } = this.options;
    if (limit <= 0) return 0;
    const now = this.now();
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(limit, b.tokens + (now - b.at) * this.perMs);
      b.at = now;
    } else {
      if (this.buckets.size >= MAX_CLIENTS) this.prune(now);
      this.buckets.set(key, (b = { tokens: limit, at: now }));
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
  }

  /** Forget clients whose budget is full again; when all are still in use, the oldest half. */
  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.options.limit) this.buckets.delete(k);
    if (this.buckets.size < MAX_CLIENTS) return;
    let drop = this.buckets.size / 2;
    for (const k of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(k);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
