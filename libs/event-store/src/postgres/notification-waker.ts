/**
 * Wakes waiting subscriptions when a writer commits (LISTEN/NOTIFY), over one connection per store.
 * When that connection is lost (PostgreSQL stopped or restarted, the backend terminated) every
 * subscription is woken at once to re-read, and the next wait opens a new connection, retried
 * with capped backoff while the server is away; subscriptions poll in the meantime.
 */
import type { Client } from 'pg';
import type { ConnectionErrorListener } from './connection-errors';
import type { Waker } from './subscription';

export interface NotificationWakerEvents {
  readonly onError?: ConnectionErrorListener;
  /** The LISTEN connection is back after a loss. */
  readonly onRestored?: () => void;
}

const retryCapMs = 30_000;

export class NotificationWaker implements Waker {
  private client?: Client;
  private waiters = new Set<() => void>();
  private connecting?: Promise<void>;
  private closed = false;
  private failures = 0;
  private retryAt = 0;
  private lost = false;

  constructor(
    private readonly connect: () => Client,
    private readonly channel: string,
    private readonly events: NotificationWakerEvents = {},
  ) {}

  async wait(ms: number): Promise<void> {
    await this.ensureListening(); // never rejects: polling still works without it
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.add(done);
    });
  }

  private ensureListening(): Promise<void> {
    if (this.closed || this.client || Date.now() < this.retryAt) return this.connecting ?? Promise.resolve();
    this.connecting ??= this.listen()
      .then(
        (client) => this.listening(client),
        (error: unknown) => this.failedToListen(error),
      )
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async listen(): Promise<Client> {
    const client = this.connect();
    client.on('notification', () => this.wakeAll());
    client.on('error', (error: Error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('LISTEN connection ended')));
    try {
      await client.connect();
      await client.query(`listen "${this.channel}"`);
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private async listening(client: Client): Promise<void> {
    // Closed while connecting: this connection must not outlive the store (it would hold the process open).
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.failures = 0;
    if (this.lost) this.events.onRestored?.();
    this.lost = false;
  }

  private failedToListen(error: unknown): void {
    this.failures += 1;
    this.retryAt = Date.now() + Math.min(retryCapMs, 250 * 2 ** Math.min(this.failures - 1, 7));
    // Reported once per outage, not at every retry.
    if (!this.lost) this.events.onError?.(error instanceof Error ? error : new Error(String(error)), 'listen');
    this.lost = true;
  }

  private lose(client: Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.lost = true;
    if (!this.closed) this.events.onError?.(error, 'listen');
    void client.end().catch(() => undefined);
    // Notifications sent while no connection listens are lost: subscribers re-read now.
    this.wakeAll();
  }

  /** Wakes this process's waiting subscriptions (an append here just committed). */
  wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
