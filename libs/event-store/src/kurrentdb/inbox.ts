/**
 * The inbox on KurrentDB: one stream per (consumer, message), `inbox-<consumer>-<sha256(messageId)>`,
 * holding one marker event. The marker is written with expected state NO_STREAM, so of two
 * concurrent attempts exactly one succeeds and the other fails atomically. Stream names starting
 * with `$` are reserved for the server, which is why there is no `$inbox`.
 *
 * Unlike PostgreSQL, the marker is NOT in the same transaction as the events it accompanies (see
 * KurrentDbEventStore.appendToStream): the events are appended first, then the marker. A crash in
 * between leaves the message unmarked, so it is delivered and handled again: at-least-once. The
 * second handling is harmless when the handler derives its event ids from the message (a retried
 * batch with the same ids is a no-op) or appends with an exact expected revision.
 */
import { createHash } from 'node:crypto';
import type { HandledMessage } from '../port/event-store';

export const inboxEventType = 'sa.inbox.MessageHandled';

export function validateHandledMessage(message: HandledMessage): void {
  if (typeof message.consumer !== 'string' || message.consumer.trim() === '') throw new Error('a handled message needs a consumer name');
  if (typeof message.messageId !== 'string' || message.messageId === '') throw new Error('a handled message needs a message id');
}

export function inboxStreamName(message: HandledMessage): string {
  validateHandledMessage(message);
  const digest = createHash('sha256').update(message.messageId, 'utf8').digest('hex');
  return `inbox-${message.consumer}-${digest}`;
}
