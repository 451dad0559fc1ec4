/**
 * The inbox markers on KurrentDB, read and written (inbox.ts explains the marker streams and why
 * the marker follows the events it accompanies instead of sharing their transaction).
 */
import type { HandledMessage } from '../port/event-store';
import { FORWARDS, NO_STREAM, START, isWrongExpectedVersion, jsonEventData, readStreamEvents } from './client';
import { inboxEventType, inboxStreamName } from './inbox';
import type { KurrentDbStoreContext } from './store-context';

export async function isMessageHandled(ctx: KurrentDbStoreContext, message: HandledMessage): Promise<boolean> {
  const events = await readStreamEvents(await ctx.getClient(), inboxStreamName(message), {
    direction: FORWARDS,
    fromRevision: START,
    maxCount: 1,
  });
  return events.length > 0;
}

/** Writes the inbox marker; false when another one was there first. */
export async function recordHandled(
  ctx: KurrentDbStoreContext,
  message: HandledMessage,
  detail: { stream?: string; eventIds?: string[]; position?: number },
): Promise<boolean> {
  const marker = jsonEventData({
    type: inboxEventType,
    data: {
      consumer: message.consumer,
      messageId: message.messageId,
      handledAt: ctx.now().toISOString(),
      sourceSystem: ctx.sourceSystem,
      ...detail,
    },
  });
  try {
    const written = await (await ctx.getClient()).appendToStream(inboxStreamName(message), marker, { streamState: NO_STREAM });
    return written.success;
  } catch (error) {
    if (isWrongExpectedVersion(error)) return false;
    throw error;
  }
}
