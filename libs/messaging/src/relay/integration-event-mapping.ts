/**
 * Which domain events leave the service, and as what. The mapping is explicit and keyed by domain
 * event type: a type that is not in it never reaches Kafka, and a mapper may still return null for
 * an event that stays private (an internal correction, a draft).
 */
import type { IntegrationContract } from '@sa/contracts';
import type { RecordedEvent } from '@sa/event-store';

export interface IntegrationEventDraft<Payload = unknown> {
  readonly contract: IntegrationContract<Payload>;
  readonly payload: Payload;
  /** Optional ce_subject; never a resident ID. */
  readonly subject?: string;
}

export type DomainEventMapper = (event: RecordedEvent) => IntegrationEventDraft | null;

/** Domain event type → mapper. */
export type IntegrationEventMapping = Readonly<Record<string, DomainEventMapper>>;

/** A typed draft: the payload is checked against the contract's type at compile time (and its schema at publish time). */
export function integrationEvent<Payload>(contract: IntegrationContract<Payload>, payload: Payload, subject?: string): IntegrationEventDraft<Payload> {
  return subject === undefined ? { contract, payload } : { contract, payload, subject };
}

export function mapDomainEvent(mapping: IntegrationEventMapping, event: RecordedEvent): IntegrationEventDraft | null {
  const mapper = Object.prototype.hasOwnProperty.call(mapping, event.type) ? mapping[event.type] : undefined;
  return mapper ? mapper(event) : null;
}
