/** Exponential backoff with jitter, and a sleep that ends early when its signal aborts. */

export interface BackoffPolicy {
  /** First delay (ms). */
  readonly initialDelayMs: number;
  /** Upper bound of any delay (ms). */
  readonly maxDelayMs: number;
  /** Growth per attempt (default 2). */
  readonly multiplier?: number;
}

/** Delay before retry number `retry` (1 = the first retry), with ±20 % jitter so instances do not retry in lockstep. */
export function backoffDelay(policy: BackoffPolicy, retry: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * (policy.multiplier ?? 2) ** Math.max(0, retry - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Resolves after `ms`, or at once (false) when the signal aborts. True when the full time passed. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
