/**
 * A relay in a process of its own, for the crash test: it publishes to Kafka normally and kills
 * itself (SIGKILL, no clean-up) right before saving checkpoint number CRASH_ON_SAVE, i.e. after Kafka
 * acknowledged that batch and before the relay could record it.
 *
 *   DATABASE_URL=… RELAY_SCHEMA=… RELAY_TOPIC=… KAFKA_BROKERS=… CRASH_ON_SAVE=3 tsx relay-child.ts
 */
import { Pool } from 'pg';
import { EventRelay } from '../relay/event-relay';
import { PostgresRelayCheckpointStore } from '../relay/postgres-checkpoint-store';
import { openPostgresEventStore } from './postgres-event-store';
import { withdrawalMapping } from './relay-fixture';
import { kafkaClientOptions } from '../kafka/kafka-security';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const schema = env('RELAY_SCHEMA');
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 4 });
  const store = await openPostgresEventStore(pool, schema);
  const durable = new PostgresRelayCheckpointStore(pool, schema);
  const crashOnSave = Number(env('CRASH_ON_SAVE'));
  let saves = 0;
  const relay = new EventRelay({
    name: 'intake-relay',
    store,
    checkpoints: {
      load: (relayName) => durable.load(relayName),
      save: async (relayName, position) => {
        saves += 1;
        if (saves === crashOnSave) process.kill(process.pid, 'SIGKILL');
        await durable.save(relayName, position);
      },
    },
    streamPrefixes: ['application-'],
    mapping: withdrawalMapping(env('RELAY_TOPIC')),
    source: '/sa/intake',
    kafka: kafkaClientOptions(env('KAFKA_BROKERS').split(','), 'relay-child'),
    batchSize: Number(process.env.RELAY_BATCH_SIZE ?? 50),
  });
  relay.start();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
