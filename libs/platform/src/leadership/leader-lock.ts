/**
 * One PostgreSQL session advisory lock, held on a dedicated connection: whoever holds it leads.
 * PostgreSQL releases a session lock the moment its session ends, so a replica killed with
 * `kill -9` (its socket closed by the kernel) frees the lock at once and the next replica that
 * asks gets it. A connection that errors or stops answering means the lock may be gone: the
 * holder stops leading before it asks again (it never assumes it still leads).
 */
import { Client } from 'pg';

export interface LeaderLockOptions {
  readonly connectionString: string;
  /** Names what is led, e.g. "leader:es_payments"; one leader per name and database. */
  readonly name: string;
  /** How long a query on the lock's connection may take before the lock counts as lost (ms). */
  readonly queryTimeoutMs: number;
  /** Called as soon as the connection that may hold the lock errors or ends. */
  readonly onLost?: () => void;
}

export class LeaderLock {
  private client?: Client;
  private lost = false;

  constructor(private readonly options: LeaderLockOptions) {}

  /** Tries to take the lock; true when this session holds it now. Throws when PostgreSQL cannot be reached. */
  async tryAcquire(): Promise<boolean> {
    const client = await this.connection();
    // Two int4 keys: a lock space apart from the one-key locks of the migrations.
    const result = await client.query<{ acquired: boolean }>("select pg_try_advisory_lock(hashtext('sa-leader'), hashtext($1)) as acquired", [
      this.options.name,
    ]);
    return result.rows[0]?.acquired === true;
  }

  /** Whether the session that took the lock is still there (so the lock still is). */
  async stillHeld(): Promise<boolean> {
    if (this.lost || !this.client) return false;
    try {
      const result = await this.client.query<{ held: boolean }>(
        "select exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and classid = hashtext('sa-leader')::oid and objid = hashtext($1)::oid and granted) as held",
        [this.options.name],
      );
      return result.rows[0]?.held === true;
    } catch {
      await this.close();
      return false;
    }
  }

  /** Gives the lock up (ending the session frees it even when the unlock cannot be sent). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await client.query("select pg_advisory_unlock(hashtext('sa-leader'), hashtext($1))", [this.options.name]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private async connection(): Promise<Client> {
    if (this.client && !this.lost) return this.client;
    await this.close();
    this.lost = false;
    const client = new Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      query_timeout: this.options.queryTimeoutMs,
      connectionTimeoutMillis: this.options.queryTimeoutMs,
      application_name: `sa-${this.options.name}`.slice(0, 63),
    });
    // A dropped connection surfaces here first: the lock went with it.
    const markLost = () => {
      if (this.lost || this.client !== client) return;
      this.lost = true;
      this.options.onLost?.();
    };
    client.on('error', markLost);
    client.on('end', markLost);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }
}
