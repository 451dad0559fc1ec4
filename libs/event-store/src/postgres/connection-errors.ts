/**
 * Every PostgreSQL connection a store uses gets an 'error' listener. Why: pg emits 'error' on a
 * client whose server went away (57P01 when PostgreSQL stops, a reset socket), even while a query
 * runs, and pg-pool listens only while a client sits idle in the pool. A client checked out for a
 * transaction had no listener, so the emit threw and the service died (issue #10, item 4). The
 * failed query still rejects, and the pool drops the broken client when it is released.
 */
import type { Pool, PoolClient } from 'pg';

/** Which connection failed: one of the pool's, or the LISTEN connection that wakes subscriptions. */
export type ConnectionRole = 'pool' | 'listen';
export type ConnectionErrorListener = (error: Error, connection: ConnectionRole) => void;

const handled = new WeakSet<Pool>();

/** Idempotent: a pool shared by several stores (the audit's sources) is guarded once. */
export function handlePoolErrors(pool: Pool, onError: ConnectionErrorListener = () => undefined): Pool {
  if (handled.has(pool)) return pool;
  handled.add(pool);
  pool.on('connect', (client: PoolClient) => client.on('error', (error: Error) => onError(error, 'pool')));
  // The pool re-emits an idle client's error; the client's own listener above has reported it.
  pool.on('error', () => undefined);
  return pool;
}

/** What a log may say about a connection error: its code and message, never a query's values. */
export function describeConnectionError(error: Error): { code?: string; message: string } {
  const code = (error as { code?: unknown }).code;
  return { ...(typeof code === 'string' ? { code } : {}), message: error.message };
}
