/**
 * Receipts (ACK/NACK) for inbound county messages on sa.county-data.receipts.v1, keyed by messageId:
 * what a county system reads to know its message was stored, was a duplicate, or must be fixed.
 */
import { randomUUID } from 'node:crypto';
import { countyDataReceiptV1, formatProblems, onlyResidentIdProblems, type ContractProblem, type ReceiptReasonCode, type ReceiptStatus } from '@sa/contracts';
import { encodeCloudEvent } from '../cloudevents/binary-mode';
import type { OutgoingRecord } from '../kafka/serial-producer';
import type { DeadLetterReason } from './dead-letter-record';

export type MessageOutcome =
  | { readonly kind: 'handled' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'dead-lettered'; readonly reason: DeadLetterReason; readonly problems: readonly ContractProblem[]; readonly error: string };

export interface ReceiptSubject {
  readonly messageId: string;
  readonly topic: string;
  readonly type?: string;
  readonly receivedAt: Date;
}

export function receiptStatusOf(outcome: MessageOutcome): { status: ReceiptStatus; reasonCode?: ReceiptReasonCode } {
  switch (outcome.kind) {
    case 'handled':
      return { status: 'ACK' };
    case 'duplicate':
      return { status: 'ACK', reasonCode: 'DUPLICATE' };
    case 'dead-lettered':
      return { status: 'NACK', reasonCode: reasonCodeOf(outcome.reason, outcome.problems) };
  }
}

function reasonCodeOf(reason: DeadLetterReason, problems: readonly ContractProblem[]): ReceiptReasonCode {
  if (reason === 'unknown-type') return 'UNKNOWN_TYPE';
  if (reason === 'unauthorised-source') return 'UNAUTHORISED_SOURCE';
  if (reason === 'handler-rejected' || reason === 'retries-exhausted') return 'PROCESSING_FAILED';
  return onlyResidentIdProblems(problems) ? 'INVALID_RESIDENT_ID' : 'SCHEMA_VIOLATION';
}

export function receiptRecord(subject: ReceiptSubject, outcome: MessageOutcome, options: { topic: string; source: string }): OutgoingRecord {
  const { status, reasonCode } = receiptStatusOf(outcome);
  const problems = outcome.kind === 'dead-lettered' ? outcome.problems.slice(0, 50) : [];
  const reason = outcome.kind === 'dead-lettered' ? (problems.length > 0 ? formatProblems(problems) : outcome.error).slice(0, 2000) : undefined;
  const payload = {
    messageId: subject.messageId,
    topic: subject.topic,
    ...(subject.type ? { type: subject.type.slice(0, 200) } : {}),
    status,
    ...(reasonCode ? { reasonCode } : {}),
    ...(reason ? { reason } : {}),
    ...(problems.length > 0 ? { problems: problems.map((p) => ({ field: p.field.slice(0, 200), rule: p.rule.slice(0, 500) })) } : {}),
    receivedAt: subject.receivedAt.toISOString(),
  };
  return encodeCloudEvent(
    countyDataReceiptV1,
    payload,
    { id: randomUUID(), source: options.source, time: new Date().toISOString(), causationId: subject.messageId },
    options.topic,
  );
}
