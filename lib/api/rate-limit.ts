/**
 * Per-client token buckets for the API and the token endpoint.
 *
 * In-process: each server process keeps its own buckets (fine for one Next process; behind several replicas the
 * effective limit is per replica — a shared store such as Redis would be needed for a global limit).
 *
 * Settings, read from the environment on each request (so tests and benchmarks can change them at run time):
 *   STEWARD_RATE_LIMIT_PER_SECOND  sustained requests per second per client   (default 50; 0 disables limiting)
 *   STEWARD_RATE_LIMIT_BURST       requests a client may make at once          (default 100)
 */

export const DEFAULT_PER_SECOND = 50;
export const DEFAULT_BURST = 100;
const MAX_BUCKETS = 10_000;

export type RateLimitSettings = { perSecond: number; burst: number };

/** The settings in force, or null when limiting is disabled (STEWARD_RATE_LIMIT_PER_SECOND=0). */
export function rateLimitSettings(env: Record<string, string | undefined> = process.env): RateLimitSettings | null {
  const num = (v: string | undefined, fallback: number) => {
    const n = v === undefined || v.trim() === "" ? fallback : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  const perSecond = num(env.STEWARD_RATE_LIMIT_PER_SECOND, DEFAULT_PER_SECOND);
  if (perSecond === 0) return null;
  const burst = Math.max(1, Math.floor(num(env.STEWARD_RATE_LIMIT_BURST, DEFAULT_BURST)));
  return { perSecond, burst };
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

export class TokenBucketLimiter {
  private buckets = new Map<string, Bucket>();
  private settingsKey = "";

  constructor(
    private readonly settings: () => RateLimitSettings | null = () => rateLimitSettings(),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one token from `key`'s bucket. */
  take(key: string): RateLimitDecision {
    const s = this.settings();
    if (!s) return { allowed: true };
    const sk = `${s.perSecond}/${s.burst}`;
    if (sk !== this.settingsKey) {
      this.settingsKey = sk;
      this.buckets.clear();
    }
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: s.burst, at: now };
    b.tokens = Math.min(s.burst, b.tokens + ((now - b.at) / 1000) * s.perSecond);
    b.at = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= MAX_BUCKETS) this.evictIdle(now, s);
      this.buckets.set(key, b);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / s.perSecond)) };
  }

  /** Forgets buckets that have refilled (their clients are idle); if none, the oldest. Bounds memory under many IPs. */
  private evictIdle(now: number, s: RateLimitSettings) {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * s.perSecond >= s.burst) this.buckets.delete(k);
    if (this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}

const g = globalThis as unknown as { __stewardRateLimiter?: TokenBucketLimiter; __stewardRateLimitClock?: () => number };

/** Replaces the limiter's clock (tests advance time instead of sleeping); `null` restores the wall clock. */
export function setRateLimitClock(now: (() => number) | null): void {
  g.__stewardRateLimitClock = now ?? undefined;
}

/** The process's limiter (one per process, on globalThis so every route module shares it). */
export function rateLimiter(): TokenBucketLimiter {
  g.__stewardRateLimiter ??= new TokenBucketLimiter(
    () => rateLimitSettings(),
    () => (g.__stewardRateLimitClock ?? Date.now)(),
  );
  return g.__stewardRateLimiter;
}

/** The caller's address for anonymous limiting: the first X-Forwarded-For hop (set by the proxy in front), else X-Real-IP. */
export function clientAddress(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || req.headers.get("x-real-ip")?.trim() || "unknown";
}
