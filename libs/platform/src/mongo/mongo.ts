/** The service's MongoDB connection for its read models (mongoose), with a readiness check. */
import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import type { Logger } from '../logging/logger';
import { watchHeartbeats } from './heartbeat-watchdog';

/** The driver's bound on one heartbeat (its socket timeout); see heartbeat-watchdog.ts. */
const connectTimeoutMS = 10_000;
const heartbeatFrequencyMS = 10_000;

export interface MongoConnectOptions {
  readonly serverSelectionTimeoutMS?: number;
  /** Where connection losses and recoveries are reported; without it they are only absorbed. */
  readonly logger?: Logger;
}

export async function connectMongo(url: string, dbName: string, options: MongoConnectOptions = {}): Promise<Connection> {
  const settings: ConnectOptions = {
    dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    connectTimeoutMS,
    heartbeatFrequencyMS,
    // FerretDB and small deployments: keep the pool modest; read models are not chatty.
    maxPoolSize: 20,
  };
  const connection = mongoose.createConnection(url, settings);
  watchConnection(connection, options.logger);
  await connection.asPromise();
  let reopening = false;
  const stopWatching = watchHeartbeats(connection, {
    stuckAfterMs: connectTimeoutMS + heartbeatFrequencyMS + 5000,
    checkEveryMs: 2000,
    logger: options.logger,
    reopen: async () => {
      reopening = true;
      try {
        // Not force: a force-closed mongoose connection refuses its models' operations after reopening.
        await connection.close();
        await connection.openUri(url, settings);
      } finally {
        reopening = false;
      }
    },
  });
  // Closed by its owner (shutdown), not by the watchdog: nothing to watch any more.
  connection.on('close', () => {
    if (!reopening) stopWatching();
  });
  return connection;
}

/**
 * An 'error' event without a listener would end the process; the driver reconnects by itself
 * once the server answers again, and readiness (the mongodb check) says 503 meanwhile. Only the
 * error's name and message are logged (no documents, no credentials).
 */
function watchConnection(connection: Connection, logger: Logger | undefined): void {
  connection.on('error', (error: Error) => logger?.warn({ error: { name: error.name, message: error.message } }, 'MongoDB connection error'));
  // Info, not warn: closing the connection at shutdown says disconnected too; a lost server also raises 'error'.
  connection.on('disconnected', () => logger?.info('MongoDB disconnected; the driver reconnects when the server answers'));
  connection.on('reconnected', () => logger?.info('MongoDB reconnected'));
}

export async function pingMongo(connection: Connection): Promise<void> {
  if (!connection.db) throw new Error('MongoDB is not connected');
  await connection.db.admin().command({ ping: 1 });
}
