/**
 * A consumer in a process of its own, for the kill -9 rejoin test: it joins GROUP on TOPIC (with
 * static membership when INSTANCE_ID is set) and prints one JSON line when it holds partitions
 * (`{"assigned":[0,1,2],"afterMs":…}`, time since it started joining) and one per handled message.
 *
 *   KAFKA_BROKERS=… TOPIC=… GROUP=… [INSTANCE_ID=…] tsx consumer-child.ts
 */
import { residentDeathV1 } from '@sa/contracts';
import { handle, IntegrationConsumer } from '../consumer/integration-consumer';
import { onTestTopic } from './kafka-test-kit';
import { kafkaClientOptions } from '../kafka/kafka-security';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const handled = new Set<string>();
  const consumer = new IntegrationConsumer({
    name: env('GROUP'),
    kafka: kafkaClientOptions(env('KAFKA_BROKERS').split(','), 'consumer-child'),
    ...(process.env.INSTANCE_ID ? { groupInstanceId: process.env.INSTANCE_ID } : {}),
    handlers: [handle(onTestTopic(residentDeathV1, env('TOPIC')), async (event) => console.log(JSON.stringify({ handled: event.payload.messageId })))],
    // The group is what this test is about: an in-memory inbox is enough.
    inbox: {
      isHandled: async (m) => handled.has(m.messageId),
      markHandled: async (m) => {
        const fresh = !handled.has(m.messageId);
        handled.add(m.messageId);
        return fresh;
      },
    },
  });
  const began = Date.now();
  await consumer.start();
  const timer = setInterval(() => {
    const partitions = consumer.status().assignments.flatMap((a) => a.partitions);
    if (partitions.length === 0) return;
    clearInterval(timer);
    console.log(JSON.stringify({ assigned: partitions.sort(), afterMs: Date.now() - began }));
  }, 20);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
