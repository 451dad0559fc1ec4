/**
 * What the run left behind, read from the servers themselves (never from the services' answers):
 * every event in each service's event-store schema, every ce_id on each service's topics, and every
 * dead letter on this run's `.dlq` topics.
 */
import { Admin } from '@platformatic/kafka';
import type { IntegrationContract } from '@sa/contracts';
import type { RecordedEvent } from '@sa/event-store';
import { headersAsText, kafkaClientOptions, readDeadLetters, readTopicToEnd, type DeadLetterEntry, type KafkaClientOptions } from '@sa/messaging';
import type { PublicationDefinition } from '@sa/platform';
import { Pool } from 'pg';
// The harness checks each service's relay against the service's own mapping: the one definition of
// which domain events leave it. Only these publication definitions are read; nothing else of the apps.
import { approvalPublication } from '../../apps/approval/src/cases/integration';
import { findingsPublication } from '../../apps/audit/src/findings/findings-publication';
import { referralPublication } from '../../apps/charity-referral/src/referrals/integration';
import { intakePublication } from '../../apps/intake/src/applications/integration';
import { paymentsPublication } from '../../apps/payments/src/integration';
import { verificationPublication } from '../../apps/verification/src/checks/integration';

export const publications: Record<string, PublicationDefinition> = {
  intake: intakePublication(),
  verification: verificationPublication,
  approval: approvalPublication,
  payments: paymentsPublication,
  'charity-referral': referralPublication,
  audit: findingsPublication,
};

export interface ServiceEvidence {
  readonly events: readonly RecordedEvent[];
  /** ce_id of every record on the service's outbound topics. */
  readonly published: ReadonlySet<string>;
}

export interface Evidence {
  readonly services: Readonly<Record<string, ServiceEvidence>>;
  readonly deadLetters: readonly DeadLetterEntry[];
}

interface EventRow {
  event_id: string;
  type: string;
  schema_version: number;
  stream_id: string;
  revision: string;
  position: string;
  data: unknown;
  occurred_at: Date;
  recorded_at: Date;
  actor: RecordedEvent['actor'];
  correlation_id: string;
  causation_id: string | null;
  source_system: string;
  prev_hash: string;
  hash: string;
}

function recorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    stream: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    actor: row.actor,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    sourceSystem: row.source_system,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

async function storedEvents(pool: Pool, schema: string): Promise<RecordedEvent[]> {
  const exists = await pool.query('select 1 from information_schema.tables where table_schema = $1 and table_name = $2', [schema, 'events']);
  if (exists.rowCount === 0) return [];
  return (await pool.query<EventRow>(`select * from "${schema}".events order by position`)).rows.map(recorded);
}

async function publishedIds(kafka: KafkaClientOptions, topics: readonly string[], existing: ReadonlySet<string>): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const topic of topics.filter((t) => existing.has(t))) {
    for (const message of await readTopicToEnd(kafka, topic, 60_000)) {
      const id = headersAsText(message.headers).get('ce_id');
      if (id) ids.add(id);
    }
  }
  return ids;
}

export async function gatherEvidence(databaseUrl: string, brokers: string, runId: string): Promise<Evidence> {
  const kafka: KafkaClientOptions = kafkaClientOptions(brokers.split(','), 'chaos-evidence');
  const admin = new Admin({ ...kafka, clientId: 'chaos-evidence-admin' });
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined); // an idle client's loss is not the harness's business
  try {
    const topics = new Set((await admin.listTopics()).filter((t) => t.startsWith(`${runId}.`)));
    const services: Record<string, ServiceEvidence> = {};
    for (const [service, publication] of Object.entries(publications)) {
      const own = publication.contracts.map((c: IntegrationContract) => `${runId}.${c.topic}`);
      services[service] = { events: await storedEvents(pool, `${runId}_${service.replace(/-/g, '_')}`), published: await publishedIds(kafka, own, topics) };
    }
    const deadLetters: DeadLetterEntry[] = [];
    for (const topic of [...topics].filter((t) => t.endsWith('.dlq')).sort()) deadLetters.push(...(await readDeadLetters(kafka, topic, 60_000)));
    return { services, deadLetters };
  } finally {
    await admin.close();
    await pool.end();
  }
}
