/**
 * The event store port: the one interface every service writes through and every auditor reads
 * through. Adapters: PostgreSQL (libs/event-store/src/postgres) and KurrentDB
 * (libs/event-store/src/kurrentdb); both pass the same conformance suite.
 *
 * Positions are global, strictly increasing in delivery order, possibly sparse (never assume +1),
 * and safe JavaScript integers. Revisions are 0-based per stream and dense.
 */

/** Who caused an event: the user, their role, and the organisation unit (region code) they act for. */
export interface Actor {
  readonly userId: string;
  readonly role: string;
  readonly orgUnit: string;
}

/** Optimistic concurrency: what the caller believes about the stream before appending. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface NewEvent<Data = unknown> {
  /** UUID. A retry must reuse it: an event whose id is already in the stream is not appended twice. */
  readonly eventId?: string;
  readonly type: string;
  /** Version of this event type's data schema; 1 when omitted. */
  readonly schemaVersion?: number;
  readonly data: Data;
  /** When it happened in the world (ISO 8601); the record time when omitted. */
  readonly occurredAt?: string;
  readonly actor: Actor;
  /** The business transaction (a case's whole journey, a request); the event id when omitted. */
  readonly correlationId?: string;
  /** The message or event that directly caused this one. */
  readonly causationId?: string;
  /** The system that produced it; the store's configured source system when omitted. */
  readonly sourceSystem?: string;
}

/** An event as stored, with its full envelope. */
export interface RecordedEvent<Data = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly data: Data;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly sourceSystem: string;
  /** Hash of the previous event of the same stream (64 zeros for the first). */
  readonly prevHash: string;
  /** SHA-256 (hex) over the canonical serialisation of this event's envelope and data, including prevHash. */
  readonly hash: string;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
  /**
   * Records, in the same atomic write where the adapter can, that a consumer handled an inbound
   * message; the append fails with MessageAlreadyHandledError if it already was.
   */
  readonly handledMessage?: HandledMessage;
}

export interface HandledMessage {
  readonly consumer: string;
  readonly messageId: string;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextExpectedRevision: number;
  /** Position of the last event of the batch (also when the batch was an idempotent retry). */
  readonly position: number;
  /** How many events were written; 0 when the whole batch was already stored. */
  readonly appended: number;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive): a number, 'start' or 'end'. Defaults to the start when reading forwards, the end backwards. */
  readonly from?: number | 'start' | 'end';
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
  /** Read a soft-deleted stream (auditors); otherwise StreamDeletedError. */
  readonly includeDeleted?: boolean;
}

export interface ReadAllOptions {
  /** First position to read (inclusive); defaults to the start (forwards) or the end (backwards). */
  readonly fromPosition?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface EventFilter {
  /** Stream name prefixes, e.g. ['application-'] for the application category. */
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  /** Checkpoint: deliver events after this position (exclusive). Omit to start from the beginning. */
  readonly afterPosition?: number;
  readonly filter?: EventFilter;
  /** Called for each event in global order; the next event waits for the returned promise. */
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  /** Called once when the subscription stops because of an error (including one thrown by onEvent). */
  readonly onError?: (error: Error) => void;
  /** Called once when catch-up has reached the end of history and delivery turns live. */
  readonly onCaughtUp?: (position: number | undefined) => void;
}

export interface Subscription {
  /** Stops delivery; resolves once no onEvent call is running. */
  stop(): Promise<void>;
  /** Resolves when the subscription ends (stopped or failed). */
  readonly done: Promise<void>;
}

export interface StreamMetadata {
  readonly [key: string]: unknown;
  /** Set by softDeleteStream; the events stay for the audit history. */
  readonly deleted?: { readonly at: string; readonly by: Actor; readonly reason: string };
}

export interface ChainBreak {
  readonly stream: string;
  readonly revision: number;
  readonly eventId: string;
  readonly reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'revision-gap';
}

export type VerifyResult =
  | { readonly ok: true; readonly stream: string; readonly events: number }
  | { readonly ok: false; readonly stream: string; readonly events: number; readonly firstBreak: ChainBreak };

/** What a command handler, a relay or a projection needs: streams written and read, the global log, subscriptions. */
export interface StreamStore {
  appendToStream(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Several whole streams, forwards, as readStream reads each (empty for one never written); one round trip where the adapter can. */
  readStreams(streams: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription to all events (optionally filtered) that turns live; never skips, never repeats. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  getStreamMetadata(stream: string): Promise<StreamMetadata>;
  setStreamMetadata(stream: string, metadata: StreamMetadata): Promise<void>;
  /** Hides a stream from normal reads and refuses appends; never removes its events. */
  softDeleteStream(stream: string, by: Actor, reason: string): Promise<void>;
}

/** One stream's part of a multi-stream append: written only if the stream is still at `expectedRevision`. */
export interface StreamAppend {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: number;
}

/**
 * Appends to many existing streams in one write (PostgreSQL: one statement, one transaction), for
 * work that touches thousands of small aggregates at once (a payroll's feedback on each
 * entitlement). Each stream is written only if it is still at its expected revision and not
 * deleted; the answer says, per append in order, what was written, or undefined for a stream left
 * as it was (a concurrent writer, a retried id): the caller takes the single-stream path for it.
 * Optional: an adapter without it (KurrentDB) is written to stream by stream.
 */
export interface MultiStreamAppend {
  appendToStreams(appends: readonly StreamAppend[]): Promise<(AppendResult | undefined)[]>;
}

export function supportsMultiStreamAppend<S extends object>(store: S): store is S & MultiStreamAppend {
  return typeof (store as Partial<MultiStreamAppend>).appendToStreams === 'function';
}

/** What a consumer's inbox needs: handled messages, recorded with the events they caused where the adapter can. */
export interface MessageInboxStore {
  /** Whether a consumer already recorded handling this message (see AppendOptions.handledMessage). */
  isMessageHandled(message: HandledMessage): Promise<boolean>;
  /** Records a handled message that caused no append; false when it was already recorded. */
  markMessageHandled(message: HandledMessage): Promise<boolean>;
}

/** What auditors and operators need: the hash chain checked, the store answering, closed at shutdown. */
export interface StoreIntegrityAndHealth {
  /** Recomputes the stream's hash chain and reports the first broken link. */
  verifyStream(stream: string): Promise<VerifyResult>;
  /** Readiness: the store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The whole port, as the adapters implement it; users ask for the part they need. */
export interface EventStore extends StreamStore, MessageInboxStore, StoreIntegrityAndHealth {}
