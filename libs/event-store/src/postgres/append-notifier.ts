/**
 * Tells subscribers that events were appended — after the append committed, never inside it.
 *
 * Why not NOTIFY inside the append transaction: PostgreSQL serialises every committing transaction
 * that issued a NOTIFY on one database-wide lock held until its commit record is flushed, so
 * concurrent appends would lose group commit and run at one fsync each, whatever the number of
 * writers. Here the append commits without it, local subscriptions are woken at once, and other
 * processes get one NOTIFY per burst of appends from a transaction that writes no WAL. Subscribers
 * also poll, so a lost notification only delays delivery by the poll interval.
 */
import type { Pool } from 'pg';

export class AppendNotifier {
  private sending = false;
  private pending = false;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly wakeLocal: () => void,
  ) {}

  appended(): void {
    this.wakeLocal();
    if (this.sending) {
      this.pending = true;
      return;
    }
    this.sending = true;
    void this.send();
  }

  private async send(): Promise<void> {
    do {
      this.pending = false;
      await this.pool.query('select pg_notify($1, $2)', [this.channel, '']).catch(() => undefined);
    } while (this.pending);
    this.sending = false;
  }
}
