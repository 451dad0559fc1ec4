/**
 * Creates the topics a service publishes or consumes, and their `<topic>.dlq` dead-letter topics,
 * when they do not exist yet. Safe to run at every start and from several instances at once.
 * Brokers run with auto-creation off on purpose: a typo in a topic name must fail, not create.
 */
import { Admin } from '@platformatic/kafka';
import { deadLetterTopicOf, type IntegrationContract } from '@sa/contracts';
import type { KafkaClientOptions } from '../kafka/client-options';

export interface TopicProvisioning {
  readonly kafka: KafkaClientOptions;
  readonly topics: readonly string[];
  /** Partitions of each new topic (default 6): the most consumer instances that can share a topic. */
  readonly partitions?: number;
  /** Replicas of each new topic; the broker's default.replication.factor when omitted. */
  readonly replicas?: number;
  /** Also create `<topic>.dlq` for each topic (default true). */
  readonly deadLetterTopics?: boolean;
  /** Partitions of dead-letter topics (default 1, so an operator names a parked message by its offset alone). */
  readonly deadLetterPartitions?: number;
  /** Topic configuration for new topics, e.g. { 'min.insync.replicas': '2' }. */
  readonly configs?: Readonly<Record<string, string>>;
  /** How long provisioning waits for the broker, to take the new topics and give their partitions a leader (default 30 s). */
  readonly readyTimeoutMs?: number;
}

export interface ProvisionedTopics {
  readonly created: string[];
  readonly existing: string[];
}

/** The distinct topics of some contracts. */
export function topicsOf(contracts: readonly IntegrationContract[]): string[] {
  return [...new Set(contracts.map((c) => c.topic))];
}

export async function provisionTopics(options: TopicProvisioning): Promise<ProvisionedTopics> {
  const admin = new Admin({ ...options.kafka, clientId: `${options.kafka.clientId}-admin` });
  try {
    const wanted = new Map<string, number>();
    for (const topic of options.topics) {
      wanted.set(topic, options.partitions ?? 6);
      if (options.deadLetterTopics ?? true) wanted.set(deadLetterTopicOf(topic), options.deadLetterPartitions ?? 1);
    }
    const present = new Set(await admin.listTopics());
    const missing = [...wanted.keys()].filter((topic) => !present.has(topic));
    const created: string[] = [];
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    for (const topic of missing) {
      // 'raced': another instance created it a moment ago, so it counts among the existing ones.
      if ((await createTopicIfAbsent(admin, { topic, partitions: wanted.get(topic) as number, deadline }, options)) === 'created') created.push(topic);
    }
    // Topics another instance created are waited for too: this instance uses them next.
    if (missing.length > 0) await waitForLeaders(admin, missing, { deadline, timeoutMs });
    return { created, existing: [...wanted.keys()].filter((topic) => !created.includes(topic)) };
  } finally {
    await admin.close();
  }
}

type TopicAdmin = Pick<Admin, 'createTopics'>;

/** What the broker said, per topic, when it refused (a ProtocolError of @platformatic/kafka each). */
interface BrokerReason {
  readonly apiId?: string;
  readonly serverErrorMessage?: string | null;
  readonly canRetry?: boolean;
}

function brokerReasons(error: unknown): BrokerReason[] {
  if (!(error instanceof AggregateError)) return [];
  // 2.x nests them: the failed request, then the response error, then one protocol error per topic.
  return (error.errors as unknown[]).flatMap((e) =>
    e instanceof AggregateError ? brokerReasons(e) : typeof (e as BrokerReason | null)?.apiId === 'string' ? [e as BrokerReason] : [],
  );
}

/**
 * Creates one topic. 'raced' when another instance created it first: at a fleet's first start on a
 * fresh broker the broker answers TOPIC_ALREADY_EXISTS before its metadata lists the topic, so that
 * answer is taken as it is, not checked against a listing. Errors the broker marks retriable, and
 * errors before any answer (a broker still starting), are retried until the deadline; others fail
 * at once, naming the broker's reason.
 */
export async function createTopicIfAbsent(
  admin: TopicAdmin,
  wanted: { readonly topic: string; readonly partitions: number; readonly deadline: number },
  options: Pick<TopicProvisioning, 'replicas' | 'configs'>,
): Promise<'created' | 'raced'> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.createTopics({
        topics: [wanted.topic],
        partitions: wanted.partitions,
        replicas: options.replicas ?? -1,
        configs: Object.entries(options.configs ?? {}).map(([name, value]) => ({ name, value })),
      });
      return 'created';
    } catch (error) {
      const reasons = brokerReasons(error);
      if (reasons.length > 0 && reasons.every((r) => r.apiId === 'TOPIC_ALREADY_EXISTS')) return 'raced';
      const retriable = reasons.length === 0 || reasons.every((r) => r.canRetry === true);
      if (!retriable || Date.now() >= wanted.deadline) throw new Error(`could not create topic ${wanted.topic}: ${describe(error, reasons)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2000)));
    }
  }
}

function describe(error: unknown, reasons: readonly BrokerReason[]): string {
  if (reasons.length > 0) return reasons.map((r) => `${r.apiId}${r.serverErrorMessage ? ` (${r.serverErrorMessage})` : ''}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** Waits, within the provisioning's one deadline, until every partition of the topics has a leader. */
async function waitForLeaders(admin: Admin, topics: string[], { deadline, timeoutMs }: { deadline: number; timeoutMs: number }): Promise<void> {
  for (;;) {
    // A copy: the client sorts the list it is given in place.
    const metadata = await admin.metadata({ topics: [...topics], forceUpdate: true }).catch(() => undefined);
    const ready = metadata && topics.every((topic) => metadata.topics.get(topic)?.partitions.every((p) => p.leader >= 0));
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have partitions without a leader after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
