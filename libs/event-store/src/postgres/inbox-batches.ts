/**
 * The inbox of handled messages, read and written in batches: a busy consumer handles dozens of
 * messages at once, and one durable commit per message would cap it at the disk's fsync rate.
 * Calls made while a batch is in flight wait for the next one, so a quiet consumer pays no delay
 * and a busy one shares each commit among everything that arrived meanwhile.
 */
import type { Pool } from 'pg';
import type { HandledMessage } from '../port/event-store';

type Pending = { readonly message: HandledMessage; resolve(value: boolean): void; reject(error: unknown): void };

/** Coalesces calls into batches; one batch in flight at a time. */
export class Coalescer {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly run: (messages: readonly HandledMessage[]) => Promise<boolean[]>) {}

  submit(message: HandledMessage): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 1000);
      try {
        const answers = await this.run(batch.map((p) => p.message));
        batch.forEach((p, i) => p.resolve(answers[i] as boolean));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.flushing = false;
  }
}

const keyOf = (m: HandledMessage) => `${m.consumer}\u0000${m.messageId}`;

/** Records each message once; true for the call whose row was inserted (the first of duplicates). */
export async function insertHandled(pool: Pool, schema: string, messages: readonly HandledMessage[]): Promise<boolean[]> {
  const inserted = await pool.query<{ consumer: string; message_id: string }>(
    `insert into ${schema}.inbox (consumer, message_id) select * from unnest($1::text[], $2::text[]) on conflict do nothing returning consumer, message_id`,
    [messages.map((m) => m.consumer), messages.map((m) => m.messageId)],
  );
  const fresh = new Set(inserted.rows.map((r) => `${r.consumer}\u0000${r.message_id}`));
  return messages.map((m) => fresh.delete(keyOf(m)));
}

export async function selectHandled(pool: Pool, schema: string, messages: readonly HandledMessage[]): Promise<boolean[]> {
  const found = await pool.query<{ consumer: string; message_id: string }>(
    `select consumer, message_id from ${schema}.inbox where (consumer, message_id) in (select * from unnest($1::text[], $2::text[]))`,
    [messages.map((m) => m.consumer), messages.map((m) => m.messageId)],
  );
  const handled = new Set(found.rows.map((r) => `${r.consumer}\u0000${r.message_id}`));
  return messages.map((m) => handled.has(keyOf(m)));
}

/**
 * Messages whose inbox record an append of this process committed lately. A consumer records every
 * handled message once its handler is done (markMessageHandled); for one whose handler appended
 * with it, the record is already stored, and the answer (false: recorded already) needs no round
 * trip. Bounded: a message forgotten here is simply asked of the database.
 */
export class RecordedByAppends {
  private readonly keys = new Set<string>();

  remember(message: HandledMessage | undefined): void {
    if (!message) return;
    this.keys.add(keyOf(message));
    if (this.keys.size > 10_000) this.keys.delete(this.keys.values().next().value as string);
  }

  /** Whether an append recorded the message (forgotten once asked). */
  take(message: HandledMessage): boolean {
    return this.keys.delete(keyOf(message));
  }
}
