/**
 * An ordered catch-up subscription to $all on KurrentDB (a plain catch-up subscription, never a
 * persistent subscription, which would need server-side groups and could redeliver out of order).
 *
 *   1. Catch-up: pages of $all are read forwards from the checkpoint with the same filter. When a
 *      page comes back short, history is exhausted and onCaughtUp is called. That happens after every
 *      event before it was handled, and before any live event.
 *   2. Live: a KurrentDB catch-up subscription (subscribeToAll) starts from the last position
 *      examined. KurrentDB itself catches up anything appended since then and then follows the log.
 *      The adapter consumes it with `for await`, which pulls one event at a time, so the next event
 *      waits for the handler and the client's stream applies back-pressure to the server.
 *
 * Every event's position is compared with the highest position examined so far. An event at or
 * below it is dropped, so the two phases can overlap without repeating anything. The comparison
 * uses KurrentDB's own {commit, prepare} positions, which strictly increase in $all order. Only
 * delivered events are converted to the port's number (see positions.ts).
 */
import type { AllStreamResolvedEvent, AllStreamSubscription, Position } from '@kurrent/kurrentdb-client';
import type { SubscribeOptions, Subscription } from '../port/event-store';
import { FORWARDS, START, readAllPage, type KurrentDbClientLike } from './client';
import { toRecordedEvent, type NativeEvent } from './envelope';
import { acceptsFromAll, serverFilter } from './filters';
import { comparePositions, toNativePosition } from './positions';

export interface SubscriptionSettings {
  readonly pageSize: number;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export function startSubscription(getClient: () => Promise<KurrentDbClientLike>, options: SubscribeOptions, settings: SubscriptionSettings): Subscription {
  const filter = serverFilter(options.filter);
  let stopping = false;
  let live: AllStreamSubscription | undefined;
  /** Highest position examined (handled or filtered out): everything at or below it is done. */
  let examined: Position | undefined = options.afterPosition === undefined ? undefined : toNativePosition(options.afterPosition);
  /** Highest position handed to onEvent, or the checkpoint: what onCaughtUp reports. */
  let delivered = options.afterPosition;

  const from = () => examined ?? START;

  async function consider(resolved: AllStreamResolvedEvent): Promise<void> {
    const native = resolved.event as NativeEvent | undefined;
    if (!native) return;
    const position = native.position;
    if (!position) throw new Error(`event ${native.revision} of stream ${native.streamId} was read from $all without a position`);
    if (examined !== undefined && comparePositions(position, examined) <= 0) return;
    examined = position;
    if (!acceptsFromAll(native, options.filter)) return;
    const event = toRecordedEvent(native);
    await options.onEvent(event);
    delivered = event.position;
  }

  async function catchUp(client: KurrentDbClientLike): Promise<void> {
    while (!stopping) {
      const page = await readAllPage(client, {
        direction: FORWARDS,
        fromPosition: from(),
        maxCount: settings.pageSize,
        filter,
      });
      for (const resolved of page) {
        if (stopping) return;
        await consider(resolved);
      }
      if (page.length < settings.pageSize) return;
    }
  }

  async function followLive(client: KurrentDbClientLike): Promise<void> {
    const subscription = client.subscribeToAll({ fromPosition: from(), filter, resolveLinkTos: false });
    live = subscription;
    // Errors reach the loop below through the iterator. This listener keeps an error emitted
    // after the loop has ended (e.g. while unsubscribing) from becoming an uncaught exception.
    subscription.on('error', () => undefined);
    for await (const resolved of subscription) {
      if (stopping) return;
      await consider(resolved);
    }
    if (!stopping) throw new Error('the KurrentDB subscription to $all ended');
  }

  async function closeLive(): Promise<void> {
    const subscription = live;
    live = undefined;
    if (!subscription) return;
    await subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  }

  async function run(): Promise<void> {
    try {
      const client = await getClient();
      await catchUp(client);
      if (stopping) return;
      options.onCaughtUp?.(delivered);
      if (stopping) return;
      await followLive(client);
    } finally {
      await closeLive();
    }
  }

  const done = run().then(
    () => undefined,
    (error: unknown) => {
      if (stopping) return; // caused by stop(): unsubscribing ends the stream prematurely
      stopping = true;
      options.onError?.(asError(error));
    },
  );

  return {
    done,
    async stop() {
      stopping = true;
      await closeLive();
      await done;
    },
  };
}
