/**
 * Keeps the inbox off each message's critical path. A lane handles one key's messages one after
 * another, so an inbox round trip before and after every handler capped a busy consumer at a few
 * thousand messages a second however idle the machine was. Instead:
 *
 * - the duplicate check starts when the message is fetched, long before its turn, so it shares a
 *   batch with the other messages fetched with it;
 * - the handled record is written after the handler while the lane moves on; the message's offset
 *   is committed only once the record is stored.
 *
 * A second copy of a message (a republished or replayed event) is checked only after the copy in
 * flight is done and recorded, so it cannot slip past the check in between.
 */
import type { HandledMessage } from '@sa/event-store';
import type { Inbox } from './inbox';

export interface InboxTicket {
  /** Whether the message was handled already: the early answer first, a fresh one on later attempts. */
  isHandled(): Promise<boolean>;
  /** Releases later copies of the message; call once it is recorded, dead-lettered or abandoned. */
  done(): void;
}

export class InboxPipeline {
  /** Message → settles when the copy in flight is done. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly inbox: Inbox) {}

  admit(message: HandledMessage): InboxTicket {
    const key = `${message.consumer}\u0000${message.messageId}`;
    const earlier = this.inFlight.get(key);
    let release = () => undefined as void;
    const finished = new Promise<void>((resolve) => (release = resolve));
    this.inFlight.set(key, finished);
    let early: Promise<boolean> | undefined = earlier ? undefined : this.inbox.isHandled(message);
    early?.catch(() => undefined); // a failed early check fails the first attempt, which is retried
    return {
      isHandled: async () => {
        if (earlier) await earlier;
        const answer = early;
        early = undefined;
        return answer ?? this.inbox.isHandled(message);
      },
      done: () => {
        release();
        if (this.inFlight.get(key) === finished) this.inFlight.delete(key);
      },
    };
  }
}
