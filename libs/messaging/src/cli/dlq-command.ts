/**
 * The operator command for dead-letter topics:
 *
 *   list   <topic>.dlq [--json]
 *   replay <topic>.dlq --offset N [--offset P:N ...] | --all
 *
 * Kafka is reached through KAFKA_BROKERS (host:port[,host:port]). Keys are printed with resident
 * IDs masked; payloads are not printed.
 */
import type { KafkaClientOptions } from '../kafka/client-options';
import { readDeadLetters, replayDeadLetters, type DeadLetterEntry, type DeadLetterPosition } from '../dead-letters/dead-letter-topic';
import { kafkaClientOptions } from '../kafka/kafka-security';

export const dlqUsage = `usage:
  npx tsx libs/messaging/src/cli/dlq.ts list <topic>.dlq [--json]
  npx tsx libs/messaging/src/cli/dlq.ts replay <topic>.dlq (--offset N | --offset PARTITION:N)... | --all
environment: KAFKA_BROKERS=host:port[,host:port] (required), KAFKA_CLIENT_ID (default sa-dlq-cli)`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CommandOutput {
  line(text: string): void;
}

export async function runDlqCommand(argv: readonly string[], env: NodeJS.ProcessEnv, out: CommandOutput): Promise<void> {
  const [command, topic, ...rest] = argv;
  if (!command || !topic) throw new UsageError('give a command and a dead-letter topic');
  if (!topic.endsWith('.dlq')) throw new UsageError(`"${topic}" is not a dead-letter topic: its name must end with .dlq`);
  const kafka = kafkaFrom(env);
  if (command === 'list') return list(kafka, topic, rest.includes('--json'), out);
  if (command === 'replay') return replay(kafka, topic, parseSelection(rest), out);
  throw new UsageError(`unknown command "${command}": use list or replay`);
}

function kafkaFrom(env: NodeJS.ProcessEnv): KafkaClientOptions {
  const brokers =
    env.KAFKA_BROKERS?.split(',')
      .map((b) => b.trim())
      .filter(Boolean) ?? [];
  if (brokers.length === 0) throw new UsageError('KAFKA_BROKERS is not set: give the brokers as host:port[,host:port]');
  const bad = brokers.find((b) => !/^[^\s:]+:\d{1,5}$/.test(b));
  if (bad) throw new UsageError(`KAFKA_BROKERS: "${bad}" must be host:port`);
  return kafkaClientOptions(brokers, env.KAFKA_CLIENT_ID || 'sa-dlq-cli', env);
}

export function parseSelection(args: readonly string[]): 'all' | DeadLetterPosition[] {
  if (args.includes('--all')) {
    if (args.includes('--offset')) throw new UsageError('give either --all or --offset, not both');
    return 'all';
  }
  const positions: DeadLetterPosition[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--offset') throw new UsageError(`unexpected argument "${args[i]}"`);
    const value = args[++i];
    const match = /^(?:(\d+):)?(\d+)$/.exec(value ?? '');
    if (!match) throw new UsageError(`--offset needs N or PARTITION:N (whole numbers), got "${value ?? ''}"`);
    positions.push({ partition: Number(match[1] ?? 0), offset: BigInt(match[2]) });
  }
  if (positions.length === 0) throw new UsageError('replay needs --offset N (repeatable) or --all');
  return positions;
}

async function list(kafka: KafkaClientOptions, topic: string, json: boolean, out: CommandOutput): Promise<void> {
  const entries = await readDeadLetters(kafka, topic);
  if (json) {
    for (const entry of entries) out.line(JSON.stringify(summary(entry)));
    return;
  }
  out.line(`${entries.length} dead letter(s) on ${topic}`);
  for (const entry of entries) {
    const s = summary(entry);
    out.line(`${s.position}  ${s.failedAt ?? '?'}  ${s.reason ?? '?'}  ${s.type ?? '(no type)'}  id=${s.id ?? '?'}  key=${s.key ?? '(none)'}`);
    out.line(`    from ${s.from}  attempts=${s.attempts ?? '?'}  consumer=${s.consumer ?? '?'}${s.replayedFrom ? `  (a replay of ${s.replayedFrom})` : ''}`);
    if (s.error) out.line(`    ${s.error}`);
  }
}

function summary(entry: DeadLetterEntry) {
  return {
    position: `${entry.partition}:${entry.offset}`,
    failedAt: entry.failedAt,
    reason: entry.reason,
    type: entry.type,
    id: entry.id,
    key: entry.maskedKey,
    from: `${entry.originalTopic ?? '?'}:${entry.originalPartition ?? '?'}:${entry.originalOffset ?? '?'}`,
    attempts: entry.attempts,
    consumer: entry.consumer,
    replayedFrom: entry.replayedFrom,
    error: entry.error,
  };
}

async function replay(kafka: KafkaClientOptions, topic: string, selection: 'all' | DeadLetterPosition[], out: CommandOutput): Promise<void> {
  const result = await replayDeadLetters(kafka, topic, selection);
  for (const r of result.replayed) out.line(`replayed ${r.partition}:${r.offset} to ${r.to}`);
  for (const m of result.missing) out.line(`not found: ${m.partition}:${m.offset}`);
  for (const u of result.unroutable) out.line(`skipped ${u.partition}:${u.offset}: no dlq_original_topic header`);
  out.line(`${result.replayed.length} replayed, ${result.missing.length} not found, ${result.unroutable.length} skipped`);
  if (result.missing.length > 0 || result.unroutable.length > 0) process.exitCode = 1;
}
