/**
 * Measures @platformatic/kafka on the local broker with acks=all and idempotence on: producer
 * throughput, consumer-group throughput, and end-to-end latency at a steady offered load.
 * kafkajs-comparison.cjs runs the same three measurements with kafkajs for comparison.
 *
 *   KAFKA_BROKERS=127.0.0.1:59092 npx tsx libs/messaging/bench/kafka-clients.bench.ts [--messages 100000]
 */
import { relaunchedWithWorkspacePaths } from '../src/cli/workspace-paths';
import { kafkaClientOptions } from '../src/kafka/kafka-security';

async function main(): Promise<void> {
  const { Admin, Consumer, Producer, stringDeserializers, stringSerializers } = await import('@platformatic/kafka');
  const { randomUUID } = await import('node:crypto');
  const { benchHeaders, benchPayload, latencySummary, machineNote, round } = await import('./bench-support.js');

  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:59092').split(',');
  const total = Number(argument('--messages') ?? 100_000);
  const batchSize = 500;
  const partitions = 6;
  const topic = `bench.platformatic.${Date.now().toString(36)}`;
  const keys = Array.from({ length: 1000 }, () => randomUUID());
  const admin = new Admin(kafkaClientOptions(brokers, 'bench-admin'));
  await admin.createTopics({ topics: [topic], partitions, replicas: 1 });
  const producer = new Producer({ ...kafkaClientOptions(brokers, 'bench-producer'), serializers: stringSerializers, idempotent: true, acks: -1 });

  try {
    console.log(`@platformatic/kafka: ${total} messages, batches of ${batchSize}, ${partitions} partitions, acks=all, idempotent; ${machineNote()}`);

    // 1. Producer throughput: sequential batches, each awaited (how the relay sends).
    const produceStart = performance.now();
    for (let sent = 0; sent < total; sent += batchSize) {
      const messages = Array.from({ length: Math.min(batchSize, total - sent) }, (_, i) => {
        const key = keys[(sent + i) % keys.length];
        return { topic, key, value: JSON.stringify(benchPayload(sent + i, key)), headers: benchHeaders(randomUUID()) };
      });
      await producer.send({ messages });
    }
    const produceSeconds = (performance.now() - produceStart) / 1000;
    console.log(`producer: ${round(total / produceSeconds, 0)} msg/s (${round(produceSeconds, 2)} s)`);

    // 2. Consumer throughput: one group member reads everything from the earliest offset.
    const consumer = new Consumer({
      groupId: `bench-${randomUUID()}`,
      clientId: 'bench-consumer',
      bootstrapBrokers: brokers,
      deserializers: stringDeserializers,
    });
    const consumeStart = performance.now();
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: 1000 });
    let received = 0;
    await new Promise<void>((resolve) => {
      stream.on('data', () => {
        if (++received === total) resolve();
      });
    });
    const consumeSeconds = (performance.now() - consumeStart) / 1000;
    console.log(`consumer: ${round(total / consumeSeconds, 0)} msg/s (${round(consumeSeconds, 2)} s, including group join)`);
    await stream.close();
    await consumer.close(true);

    // 3. End-to-end latency at 1,000 msg/s offered for 10 s. An idempotent producer of this client must
    //    not have two sends in flight (it numbers a batch only once the broker answered), so messages
    //    that arrive while a send is in flight go out together in the next one, as the relay does.
    const latencyConsumer = new Consumer({
      groupId: `bench-${randomUUID()}`,
      clientId: 'bench-latency',
      bootstrapBrokers: brokers,
      deserializers: stringDeserializers,
      maxWaitTime: 100,
    });
    const latencyStream = await latencyConsumer.consume({ topics: [topic], mode: 'latest', autocommit: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 3000)); // let the group settle before measuring
    const latencies: number[] = [];
    const rate = 1000;
    const seconds = 10;
    latencyStream.on('data', (message) => {
      const sentAt = (JSON.parse(message.value) as { sentAt: number }).sentAt;
      if (sentAt > 0) latencies.push(performance.timeOrigin + performance.now() - sentAt);
    });
    const pending: { topic: string; key: string; value: string; headers: Record<string, string> }[] = [];
    let offering = true;
    const sender = (async () => {
      while (offering || pending.length > 0) {
        if (pending.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        await producer.send({ messages: pending.splice(0, pending.length) });
      }
    })();
    const started = performance.now();
    for (let i = 0; i < rate * seconds; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const key = keys[i % keys.length];
      const payload = { ...benchPayload(i, key), sentAt: performance.timeOrigin + performance.now() };
      pending.push({ topic, key, value: JSON.stringify(payload), headers: benchHeaders(randomUUID()) });
    }
    offering = false;
    await sender;
    const deadline = Date.now() + 30_000;
    while (latencies.length < rate * seconds && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const summary = latencySummary(latencies);
    console.log(`end-to-end at ${rate} msg/s offered: p50 ${summary.p50} ms, p99 ${summary.p99} ms, max ${summary.max} ms (${summary.count} messages)`);
    await latencyStream.close();
    await latencyConsumer.close(true);
  } finally {
    await producer.close();
    await admin.deleteTopics({ topics: [topic] });
    await admin.close();
  }
}

/** `--name value` or `--name=value` (as nx passes it). */
function argument(name: string): string | undefined {
  const inline = process.argv.find((arg) => arg.startsWith(`${name}=`));
  if (inline) return inline.slice(name.length + 1);
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (!relaunchedWithWorkspacePaths(__filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
