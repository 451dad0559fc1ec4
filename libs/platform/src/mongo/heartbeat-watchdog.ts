/**
 * Reopens a MongoDB connection whose driver stopped monitoring its server (mongodb 7.8.0).
 *
 * Why (issue #10, seen in the chaos run): the driver's monitor writes each heartbeat `hello` and, when
 * the write is buffered, awaits the socket's 'drain'. If the server has just closed that socket
 * (FerretDB stopped), the socket is already ended: it never drains and emits no error, so the
 * heartbeat neither succeeds nor fails, ever. The monitor then never checks the server again, no
 * server is ever selectable, and every operation fails with a server-selection error although the
 * server is back: audit answered `mongodb: no answer` for minutes, with no socket open to FerretDB.
 * The driver's own bound on a heartbeat is connectTimeoutMS (its socket timeout), plus the await of
 * a streamed one (heartbeatFrequencyMS); one still open well after that is stuck, and closing and
 * opening the connection again starts a new monitor (the models stay bound to the connection).
 * Only the driver's public monitoring events are used to see it.
 */
import type { Connection } from 'mongoose';
import type { Logger } from '../logging/logger';

export interface HeartbeatWatchdogOptions {
  /** A heartbeat open longer than this is stuck. */
  readonly stuckAfterMs: number;
  readonly checkEveryMs: number;
  /** Closes the connection and opens it again; retried at the next check if it throws. */
  readonly reopen: () => Promise<void>;
  readonly logger?: Logger;
}

interface HeartbeatEvent {
  readonly connectionId?: string;
}

/** Watches the connection's heartbeats until the returned function is called. */
export function watchHeartbeats(connection: Connection, options: HeartbeatWatchdogOptions): () => void {
  const open = new Map<string, number>(); // server address → when its open heartbeat started
  let watched: ReturnType<Connection['getClient']> | undefined;
  let stuck = false;
  let reopening = false;

  const attach = (): void => {
    const client = connection.getClient();
    if (client === watched) return;
    watched = client;
    open.clear();
    client.on('serverHeartbeatStarted', (event: HeartbeatEvent) => {
      const address = event.connectionId ?? '?';
      if (!open.has(address)) open.set(address, Date.now());
    });
    const ended = (event: HeartbeatEvent) => open.delete(event.connectionId ?? '?');
    client.on('serverHeartbeatSucceeded', ended);
    client.on('serverHeartbeatFailed', ended);
  };

  const check = async (): Promise<void> => {
    if (reopening) return;
    if (!stuck) {
      attach();
      const since = Math.min(...open.values());
      if (!Number.isFinite(since) || Date.now() - since < options.stuckAfterMs) return;
      stuck = true;
      options.logger?.warn({ heartbeatOpenMs: Date.now() - since }, 'MongoDB driver heartbeat stuck; reopening the connection');
    }
    reopening = true;
    try {
      await options.reopen();
      stuck = false;
      attach();
      options.logger?.info('MongoDB connection reopened');
    } catch (error) {
      // Still stuck: the next check tries again (the server may be away as well).
      const { name, message } = error as Error;
      options.logger?.warn({ error: { name, message } }, 'MongoDB connection not reopened; will retry');
    } finally {
      reopening = false;
    }
  };

  attach();
  const timer = setInterval(() => void check(), options.checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
