import type { HandledMessage } from '@sa/event-store';
import type { Inbox } from './inbox';
import { InboxPipeline } from './inbox-pipeline';

/** An inbox in memory that counts its reads: a unit-test stand-in, not what integration tests use. */
function countingInbox() {
  const handled = new Set<string>();
  const inbox = {
    reads: 0,
    failNextRead: false as boolean,
    async isHandled(m: HandledMessage) {
      inbox.reads += 1;
      if (inbox.failNextRead) {
        inbox.failNextRead = false;
        throw new Error('database briefly unavailable');
      }
      return handled.has(m.messageId);
    },
    async markHandled(m: HandledMessage) {
      const fresh = !handled.has(m.messageId);
      handled.add(m.messageId);
      return fresh;
    },
  } satisfies Inbox & { reads: number; failNextRead: boolean };
  return inbox;
}

const message = (id: string): HandledMessage => ({ consumer: 'verification-deaths', messageId: `deaths:${id}` });

describe('InboxPipeline', () => {
  it('asks the inbox as soon as a message is admitted, and answers its first check from that', async () => {
    // Given a pipeline
    const inbox = countingInbox();
    const pipeline = new InboxPipeline(inbox);
    // When a message is admitted
    const ticket = pipeline.admit(message('m-1'));
    // Then the inbox was asked at once, and the handler's check reuses that answer
    expect(inbox.reads).toBe(1);
    await expect(ticket.isHandled()).resolves.toBe(false);
    expect(inbox.reads).toBe(1);
    // And a later attempt asks again
    await expect(ticket.isHandled()).resolves.toBe(false);
    expect(inbox.reads).toBe(2);
  });

  it('checks a second copy only after the copy in flight is recorded, so it is seen as a duplicate', async () => {
    // Given a copy of a message in flight
    const inbox = countingInbox();
    const pipeline = new InboxPipeline(inbox);
    const first = pipeline.admit(message('m-2'));
    // When a second copy arrives before the first is recorded
    const second = pipeline.admit(message('m-2'));
    let answered: boolean | undefined;
    void second.isHandled().then((a) => (answered = a));
    await new Promise((r) => setImmediate(r));
    // Then its check waits
    expect(answered).toBeUndefined();
    // And once the first is handled, recorded and done, the second copy is a duplicate
    await first.isHandled();
    await inbox.markHandled(message('m-2'));
    first.done();
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(true);
    second.done();
  });

  it('does not hold up other messages, and forgets a message once done', async () => {
    const inbox = countingInbox();
    const pipeline = new InboxPipeline(inbox);
    const first = pipeline.admit(message('m-3'));
    const other = pipeline.admit(message('m-4'));
    await expect(other.isHandled()).resolves.toBe(false);
    first.done();
    other.done();
    // A copy admitted after the first is done is checked at once
    const later = pipeline.admit(message('m-3'));
    expect(inbox.reads).toBe(3);
    later.done();
  });

  it('fails the first check when the early read failed, and asks again on the retry', async () => {
    const inbox = countingInbox();
    inbox.failNextRead = true;
    const ticket = new InboxPipeline(inbox).admit(message('m-5'));
    await expect(ticket.isHandled()).rejects.toThrow('database briefly unavailable');
    await expect(ticket.isHandled()).resolves.toBe(false);
  });
});
