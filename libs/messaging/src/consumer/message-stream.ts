/**
 * The consumer's message stream from the committed offsets, kept open: a broken stream (lost
 * coordinator, fenced member) is replaced after committing what was handled, and a partition
 * through its transient fault has what was left out meanwhile fetched again by reopening it (the
 * copies already taken in are skipped by the delivery loop).
 */
import type { Consumer, Message } from '@platformatic/kafka';
import { describeError, type MessagingLogger } from '../logging/logger';
import { backoffDelay, sleep } from '../shared/backoff';

export interface MessageStreamOptions {
  readonly name: string;
  readonly topics: readonly string[];
  readonly startFrom: 'earliest' | 'latest';
  readonly logger: MessagingLogger;
  readonly running: () => boolean;
  readonly stopping: () => AbortSignal;
  readonly commit: () => Promise<void>;
  readonly onMessage: (message: Message) => void;
}

type Stream = Awaited<ReturnType<Consumer['consume']>>;

export class MessageStream {
  consumer: Consumer | undefined;
  private stream: Stream | undefined;
  /** Flow control: too many messages in flight. */
  private throttled = false;
  private restarting: Promise<void> | undefined;

  constructor(private readonly options: MessageStreamOptions) {}

  async open(consumer: Consumer, groupId: string): Promise<void> {
    this.consumer = consumer;
    const stream = await consumer.consume({ topics: [...this.options.topics], mode: 'committed', fallbackMode: this.options.startFrom, autocommit: false });
    this.stream = stream;
    if (this.throttled) stream.pause();
    stream.on('data', (message) => this.options.onMessage(message));
    stream.on('error', (error) => this.onFailure(error));
    stream.on('close', () => {
      if (this.stream === stream && this.options.running()) this.onFailure(new Error('message stream closed unexpectedly'));
    });
    this.options.logger.info({ consumer: this.options.name, group: groupId, topics: this.options.topics }, 'consumer joined its group');
  }

  throttle(on: boolean): void {
    if (on === this.throttled) return;
    this.throttled = on;
    if (on) this.stream?.pause();
    else this.stream?.resume();
  }

  /** Stopping: nothing more is taken in. */
  pause(): void {
    this.stream?.pause();
  }

  async close(): Promise<void> {
    await this.stream?.close().catch(() => undefined);
    this.stream = undefined;
    this.consumer = undefined;
    this.throttled = false;
  }

  /** A paused partition is through its fault; `refetch` when messages were left out meanwhile. */
  onResume(partitionKey: string, refetch: boolean): void {
    this.options.logger.info({ consumer: this.options.name, partition: partitionKey, refetch }, 'transient fault cleared; partition resumed');
    if (refetch && this.options.running()) {
      if (this.restarting) void this.restarting.then(() => this.onResume(partitionKey, true));
      else this.reopen();
    }
  }

  private onFailure(error: unknown): void {
    if (!this.options.running() || this.restarting) return;
    this.options.logger.warn({ consumer: this.options.name, error: describeError(error) }, 'message stream failed; reopening it');
    this.reopen();
  }

  private reopen(): void {
    const consumer = this.consumer as Consumer;
    this.restarting = (async () => {
      for (let attempt = 1; this.options.running(); attempt++) {
        try {
          await this.options.commit();
          this.stream?.removeAllListeners('close');
          await this.stream?.close().catch(() => undefined);
          await this.open(consumer, consumer.groupId);
          return;
        } catch (reopenError) {
          this.options.logger.error({ consumer: this.options.name, error: describeError(reopenError) }, 'reopening the message stream failed');
          await sleep(backoffDelay({ initialDelayMs: 500, maxDelayMs: 10_000 }, attempt), this.options.stopping());
        }
      }
    })().finally(() => {
      this.restarting = undefined;
    });
  }
}
