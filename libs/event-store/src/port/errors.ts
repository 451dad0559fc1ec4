/** Typed failures of the event store port. */
import type { ExpectedRevision, HandledMessage } from './event-store';

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)} but the stream is at ${String(actual)}`);
  }
}

export class StreamDeletedError extends Error {
  override readonly name = 'StreamDeletedError';
  constructor(readonly stream: string) {
    super(`stream ${stream} is deleted`);
  }
}

export class MessageAlreadyHandledError extends Error {
  override readonly name = 'MessageAlreadyHandledError';
  constructor(readonly message_: HandledMessage) {
    super(`consumer ${message_.consumer} already handled message ${message_.messageId}`);
  }
}

/** An event id already stored in the stream, but with different content: a bug, never a retry. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`stream ${stream}: event ${eventId} is already stored with different content`);
  }
}
