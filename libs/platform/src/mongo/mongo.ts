/** The service's MongoDB connection for its read models (mongoose), with a readiness check. */
import mongoose, { type Connection } from 'mongoose';

export async function connectMongo(url: string, dbName: string, options: { serverSelectionTimeoutMS?: number } = {}): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    // FerretDB and small deployments: keep the pool modest; read models are not chatty.
    maxPoolSize: 20,
  });
  await connection.asPromise();
  return connection;
}

export async function pingMongo(connection: Connection): Promise<void> {
  if (!connection.db) throw new Error('MongoDB is not connected');
  await connection.db.admin().command({ ping: 1 });
}
