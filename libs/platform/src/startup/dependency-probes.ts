/**
 * The servers a service cannot start without, each with a cheap probe: can we connect and get an
 * answer now? A service started before its servers (a machine booting, PostgreSQL restarting)
 * waits on these instead of exiting (issue #10, item 10b). Probe errors name the server and the
 * network failure, never credentials (connection strings are not part of the message).
 */
import { Admin } from '@platformatic/kafka';
import { MongoClient } from 'mongodb';
import { Client } from 'pg';
import type { BaseConfig } from '../config/config';
import { kafkaClientOptions, type KafkaClientOptions } from '@sa/messaging';

export interface DependencyProbe {
  /** As readiness names it: event-store, kafka, mongodb. */
  readonly name: string;
  readonly check: () => Promise<void>;
}

const probeTimeoutMs = 3000;
const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

export function platformDependencies(config: BaseConfig, serviceName: string): DependencyProbe[] {
  // KurrentDB deployments keep the relay checkpoint in PostgreSQL; the gRPC client connects lazily.
  const postgresUrl = isPostgres(config.EVENT_STORE_URL) ? config.EVENT_STORE_URL : config.CHECKPOINT_DATABASE_URL;
  return [
    ...(postgresUrl ? [{ name: 'event-store', check: () => probePostgres(postgresUrl) }] : []),
    { name: 'kafka', check: () => probeKafka(kafkaClientOptions(config.KAFKA_BROKERS.split(','), `${serviceName}-startup`, config)) },
    { name: 'mongodb', check: () => probeMongo(config.MONGODB_URL) },
  ];
}

async function probePostgres(connectionString: string): Promise<void> {
  const client = new Client({ connectionString, connectionTimeoutMillis: probeTimeoutMs });
  client.on('error', () => undefined); // the server may go away between connect and end
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeKafka(kafka: KafkaClientOptions): Promise<void> {
  const admin = new Admin({ ...kafka, timeout: probeTimeoutMs, retries: 0 });
  try {
    await admin.listTopics();
  } finally {
    await admin.close().catch(() => undefined);
  }
}

async function probeMongo(url: string): Promise<void> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: probeTimeoutMs, connectTimeoutMS: probeTimeoutMs });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => undefined);
  }
}
