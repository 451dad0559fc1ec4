/**
 * The inbox: which messages a consumer already handled, so a redelivered, republished or replayed
 * message has no second effect. The record must commit with the handler's own writes:
 *
 * - Handlers that write to the event store pass `context.handledMessage` to
 *   `appendToStream(..., { expectedRevision, handledMessage })`: the event store records it in the
 *   same transaction, and a second attempt fails with MessageAlreadyHandledError (treated as done).
 * - Handlers that write a MongoDB read model use `MongoInbox`; their writes must be idempotent
 *   upserts, because the record is written just after the handler (FerretDB and single-node
 *   MongoDB have no multi-document transactions to share).
 */
import type { HandledMessage, MessageInboxStore } from '@sa/event-store';
import type { Collection, Db } from 'mongodb';

export interface Inbox {
  isHandled(message: HandledMessage): Promise<boolean>;
  /** Records a handled message; false when it was already recorded (by the handler's own append, or another instance). */
  markHandled(message: HandledMessage): Promise<boolean>;
}

/** The event store's inbox: records commit atomically with the handler's appends. */
export function eventStoreInbox(store: MessageInboxStore): Inbox {
  return {
    isHandled: (message) => store.isMessageHandled(message),
    markHandled: (message) => store.markMessageHandled(message),
  };
}

interface InboxDocument {
  _id: string;
  consumer: string;
  messageId: string;
  handledAt: Date;
}

/** An inbox collection in the service's MongoDB read-model database. */
export class MongoInbox implements Inbox {
  constructor(private readonly collection: Collection<InboxDocument>) {}

  static async create(db: Db, collectionName = 'messaging_inbox'): Promise<MongoInbox> {
    const collection = db.collection<InboxDocument>(collectionName);
    await collection.createIndex({ consumer: 1, handledAt: 1 });
    return new MongoInbox(collection);
  }

  async isHandled(message: HandledMessage): Promise<boolean> {
    // A find by _id, not countDocuments: FerretDB answers it from the primary key instead of scanning.
    return (await this.collection.findOne({ _id: idOf(message) }, { projection: { _id: 1 } })) !== null;
  }

  async markHandled(message: HandledMessage): Promise<boolean> {
    try {
      await this.collection.insertOne({ _id: idOf(message), consumer: message.consumer, messageId: message.messageId, handledAt: new Date() });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }
}

/**
 * The primary key itself enforces "once": no unique secondary index needed (FerretDB-friendly).
 * Joined by "/", which no consumer name of the platform nor a Kafka topic contains, not by NUL: a
 * MongoDB-protocol server on PostgreSQL keeps documents as jsonb, which cannot hold \u0000.
 */
function idOf(message: HandledMessage): string {
  return `${message.consumer}/${message.messageId}`;
}
