/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes as `ce_` headers, the
 * record value is the JSON payload alone, the record key is the contract's key.
 */
import {
  ceHeader,
  cloudEventsHeadersSchema,
  cloudEventsSpecVersion,
  dataschemaOf,
  jsonContentType,
  parseDataschema,
  validatePayload,
  validateWithSchema,
  type ContractProblem,
  type IntegrationContract,
} from '@sa/contracts';
import { headersAsText, toRawHeaders } from '../kafka/client-options';
import type { OutgoingRecord } from '../kafka/serial-producer';

export interface CloudEventAttributes {
  /** ce_id: the event-store event id for our events, the messageId for county messages. */
  readonly id: string;
  /** ce_source, e.g. "/sa/intake". */
  readonly source: string;
  /** ce_time (ISO 8601): when it happened. */
  readonly time: string;
  readonly subject?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** W3C traceparent of the span that published it (CloudEvents distributed-tracing extension). */
  readonly traceparent?: string;
}

/** Builds the Kafka record of an integration event. The payload must already satisfy its contract. */
export function encodeCloudEvent<Payload>(
  contract: IntegrationContract<Payload>,
  payload: Payload,
  attributes: CloudEventAttributes,
  topic = contract.topic,
): OutgoingRecord {
  const headers: Record<string, string> = {
    [ceHeader.specversion]: cloudEventsSpecVersion,
    [ceHeader.id]: attributes.id,
    [ceHeader.source]: attributes.source,
    [ceHeader.type]: contract.type,
    [ceHeader.time]: attributes.time,
    [ceHeader.dataschema]: dataschemaOf(contract),
    [ceHeader.contentType]: jsonContentType,
  };
  if (attributes.subject !== undefined) headers[ceHeader.subject] = attributes.subject;
  if (attributes.correlationId !== undefined) headers[ceHeader.correlationid] = attributes.correlationId;
  if (attributes.causationId !== undefined) headers[ceHeader.causationid] = attributes.causationId;
  if (attributes.traceparent !== undefined) headers[ceHeader.traceparent] = attributes.traceparent;
  return { topic, key: Buffer.from(contract.key(payload)), value: Buffer.from(JSON.stringify(payload)), headers: toRawHeaders(headers) };
}

/** A Kafka record as it arrived, bytes untouched. */
export interface IncomingRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly key?: Buffer | null;
  readonly value?: Buffer | null;
  readonly headers?: ReadonlyMap<Buffer, Buffer>;
}

export interface DecodedCloudEvent<Payload = unknown> {
  readonly contract: IntegrationContract<Payload>;
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly source: string;
  readonly time: string;
  readonly subject?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly key: string;
  readonly payload: Payload;
  /** All headers as text, including any `sa_replay_*` markers. */
  readonly headers: ReadonlyMap<string, string>;
}

/** Why a record is poison: it can never be processed, however often it is retried. */
export type PoisonReason = 'invalid-headers' | 'malformed-json' | 'unknown-type' | 'schema-violation';

export type DecodeResult =
  | { readonly ok: true; readonly event: DecodedCloudEvent }
  | {
      readonly ok: false;
      readonly reason: PoisonReason;
      readonly problems: readonly ContractProblem[];
      /** What could be read before it failed, for receipts and logs. */
      readonly id?: string;
      readonly type?: string;
      readonly contract?: IntegrationContract;
    };

/** Finds the contract for a type and version (the consumer passes the ones it handles). */
export type ContractLookup = (type: string, version: number) => IntegrationContract | undefined;

export function decodeCloudEvent(record: IncomingRecord, lookup: ContractLookup): DecodeResult {
  const headers = headersAsText(record.headers);
  const headerCheck = validateWithSchema(cloudEventsHeadersSchema, Object.fromEntries(headers));
  const id = headers.get(ceHeader.id) || undefined;
  const type = headers.get(ceHeader.type) || undefined;
  if (!headerCheck.ok) {
    const problems = headerCheck.problems.map((p) => ({ field: `header ${p.field}`, rule: p.rule }));
    return { ok: false, reason: 'invalid-headers', problems, id, type };
  }
  const attributes = headerCheck.payload;
  const schema = parseDataschema(attributes.ce_dataschema);
  if (!schema || schema.type !== attributes.ce_type) {
    return {
      ok: false,
      reason: 'invalid-headers',
      problems: [{ field: 'header ce_dataschema', rule: `must name the ce_type: urn:sa:contract:${attributes.ce_type}:v<version>` }],
      id,
      type,
    };
  }
  const contract = lookup(schema.type, schema.version);
  if (!contract) {
    return {
      ok: false,
      reason: 'unknown-type',
      problems: [{ field: 'header ce_type', rule: `${schema.type} v${schema.version} is not a contract this consumer handles on ${record.topic}` }],
      id,
      type,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(record.value?.toString('utf8') ?? '');
  } catch {
    return { ok: false, reason: 'malformed-json', problems: [{ field: '(value)', rule: 'must be valid JSON (UTF-8)' }], id, type, contract };
  }
  const validation = validatePayload(contract, data);
  if (!validation.ok) return { ok: false, reason: 'schema-violation', problems: validation.problems, id, type, contract };
  const payload = validation.payload;
  const identity = identityProblems(contract, payload, attributes.ce_id, record.key?.toString('utf8'));
  if (identity.length > 0) return { ok: false, reason: 'schema-violation', problems: identity, id, type, contract };
  return {
    ok: true,
    event: {
      contract,
      id: attributes.ce_id,
      type: contract.type,
      version: contract.version,
      source: attributes.ce_source,
      time: attributes.ce_time,
      subject: attributes.ce_subject,
      correlationId: attributes.ce_correlationid,
      causationId: attributes.ce_causationid,
      key: contract.key(payload),
      payload,
      headers,
    },
  };
}

/** The key keeps one case or person in order, and a county messageId is the de-duplication id: both must agree with the payload. */
function identityProblems(contract: IntegrationContract, payload: unknown, ceId: string, key: string | undefined): ContractProblem[] {
  const problems: ContractProblem[] = [];
  if (key !== contract.key(payload)) problems.push({ field: '(key)', rule: `must equal the payload's ${contract.keyField}` });
  if (contract.messageIdField && (payload as Record<string, unknown>)[contract.messageIdField] !== ceId) {
    problems.push({ field: contract.messageIdField, rule: 'must equal the ce_id header' });
  }
  return problems;
}
