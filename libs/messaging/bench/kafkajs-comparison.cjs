/**
 * The same three measurements as kafka-clients.bench.ts, with kafkajs 2.2.4, for the client
 * decision (DECISION-kafka-client.md). kafkajs is not a dependency of the project: install it into a
 * scratch directory and point KAFKAJS_DIR at it.
 *
 *   mkdir -p /tmp/kafkajs-bench && (cd /tmp/kafkajs-bench && npm init -y && npm install kafkajs@2.2.4)
 *   KAFKAJS_DIR=/tmp/kafkajs-bench KAFKA_BROKERS=127.0.0.1:59092 node libs/messaging/bench/kafkajs-comparison.cjs
 */
const { randomUUID } = require('node:crypto');
const os = require('node:os');

const dir = process.env.KAFKAJS_DIR;
if (!dir) throw new Error('KAFKAJS_DIR is not set: install kafkajs@2.2.4 into a scratch directory and set KAFKAJS_DIR to it');
const { Kafka, logLevel } = require(require.resolve('kafkajs', { paths: [dir] }));

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:59092').split(',');
const total = Number(process.argv[process.argv.indexOf('--messages') + 1] || 100000) || 100000;
const batchSize = 500;
const partitions = 6;
const topic = `bench.kafkajs.${Date.now().toString(36)}`;
const keys = Array.from({ length: 1000 }, () => randomUUID());

function payload(sequence, caseId, sentAt = 0) {
  return JSON.stringify({
    applicationId: caseId,
    sequence,
    payrollId: randomUUID(),
    instructionId: randomUUID(),
    region: '330102001001',
    month: '2025-04',
    amountFen: 242700,
    note: 'x'.repeat(300),
    sentAt,
  });
}
function headers(id) {
  return {
    ce_specversion: '1.0',
    ce_id: id,
    ce_source: '/sa/bench',
    ce_type: 'sa.bench.payment-issued',
    ce_time: new Date().toISOString(),
    ce_dataschema: 'urn:sa:contract:sa.bench.payment-issued:v1',
    'content-type': 'application/json',
    ce_correlationid: id,
  };
}
function percentile(sorted, p) {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))];
}
const r = (v, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

async function main() {
  const kafka = new Kafka({ clientId: 'bench-kafkajs', brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  // Idempotence in kafkajs requires maxInFlightRequests = 1.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  const cpu = os.cpus();
  console.log(
    `kafkajs 2.2.4: ${total} messages, batches of ${batchSize}, ${partitions} partitions, acks=all, idempotent; node ${process.version}, ${cpu.length} CPU (${cpu[0] && cpu[0].model}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  try {
    const produceStart = performance.now();
    for (let sent = 0; sent < total; sent += batchSize) {
      const messages = Array.from({ length: Math.min(batchSize, total - sent) }, (_, i) => {
        const key = keys[(sent + i) % keys.length];
        return { key, value: payload(sent + i, key), headers: headers(randomUUID()) };
      });
      await producer.send({ topic, acks: -1, messages });
    }
    const produceSeconds = (performance.now() - produceStart) / 1000;
    console.log(`producer: ${r(total / produceSeconds, 0)} msg/s (${r(produceSeconds, 2)} s)`);

    const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}` });
    const consumeStart = performance.now();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let received = 0;
    await new Promise((resolve) => {
      consumer.run({
        eachMessage: async () => {
          if (++received === total) resolve();
        },
      });
    });
    const consumeSeconds = (performance.now() - consumeStart) / 1000;
    console.log(`consumer (eachMessage): ${r(total / consumeSeconds, 0)} msg/s (${r(consumeSeconds, 2)} s, including group join)`);
    await consumer.disconnect();

    const maxWait = Number(process.env.KAFKAJS_MAX_WAIT_MS || 100);
    const latencyConsumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: maxWait });
    await latencyConsumer.connect();
    await latencyConsumer.subscribe({ topic, fromBeginning: false });
    const latencies = [];
    await latencyConsumer.run({
      eachMessage: async ({ message }) => {
        const sentAt = JSON.parse(message.value.toString()).sentAt;
        if (sentAt > 0) latencies.push(performance.timeOrigin + performance.now() - sentAt);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 5000)); // let the group settle
    const rate = 1000;
    const seconds = 10;
    const pending = [];
    let offering = true;
    const sender = (async () => {
      while (offering || pending.length > 0) {
        if (pending.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        await producer.send({ topic, acks: -1, messages: pending.splice(0, pending.length) });
      }
    })();
    const started = performance.now();
    for (let i = 0; i < rate * seconds; i++) {
      const wait = started + (i * 1000) / rate - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const key = keys[i % keys.length];
      pending.push({ key, value: payload(i, key, performance.timeOrigin + performance.now()), headers: headers(randomUUID()) });
    }
    offering = false;
    await sender;
    const deadline = Date.now() + 30000;
    while (latencies.length < rate * seconds && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `end-to-end at ${rate} msg/s offered (consumer maxWaitTimeInMs ${maxWait}): p50 ${r(percentile(sorted, 50))} ms, p99 ${r(percentile(sorted, 99))} ms, max ${r(sorted[sorted.length - 1])} ms (${sorted.length} messages)`,
    );
    await latencyConsumer.disconnect();
  } finally {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
