/**
 * Catch-up subscription over the safe horizon: reads batches after the checkpoint until caught up,
 * then waits for a NOTIFY from a committing writer (or the poll interval, the safety net: a NOTIFY
 * can arrive before the horizon has passed the new events) and reads again. Delivery is strictly
 * in position order and each event once; the next event waits for the handler.
 */
import type { Pool } from 'pg';
import type { SubscribeOptions, Subscription } from '../port/event-store';
import { readPageAfter } from './reads';

export interface Waker {
  /** Resolves at the next notification or after `ms`, whichever comes first. */
  wait(ms: number): Promise<void>;
}

export interface SubscriptionSettings {
  readonly batchSize: number;
  /** A page ends after the event that takes its data past this many bytes (JSON text). */
  readonly maxBytes: number;
  readonly pollMs: number;
}

export function startSubscription(pool: Pool, schema: string, waker: Waker, options: SubscribeOptions, settings: SubscriptionSettings): Subscription {
  let stopped = false;
  let after = options.afterPosition ?? 0;
  let caughtUpReported = false;
  let stopWaiting: () => void = () => undefined;

  const loop = async () => {
    while (!stopped) {
      const { events: batch, full } = await readPageAfter(pool, schema, after, settings.batchSize, settings.maxBytes, options.filter);
      for (const event of batch) {
        if (stopped) return;
        await options.onEvent(event);
        after = event.position;
      }
      if (!full) {
        if (!caughtUpReported) {
          caughtUpReported = true;
          options.onCaughtUp?.(after === 0 && options.afterPosition === undefined ? undefined : after);
        }
        await Promise.race([waker.wait(settings.pollMs), new Promise<void>((resolve) => (stopWaiting = resolve))]);
      }
    }
  };

  const done = loop().then(
    () => undefined,
    (error: unknown) => {
      stopped = true;
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    },
  );

  return {
    done,
    async stop() {
      stopped = true;
      stopWaiting();
      await done;
    },
  };
}
