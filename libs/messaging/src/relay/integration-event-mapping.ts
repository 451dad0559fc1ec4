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

/** The recorded event of one domain event type, its data typed as that type declares. */
export type RecordedDomainEvent<E extends { readonly type: string; readonly data: unknown }, T extends E['type']> = RecordedEvent<
  Extract<E, { readonly type: T }>['data']
> & { readonly type: T };

/** Any recorded event of a domain's event union, discriminated by its type (`e.type === 'X'` narrows its data). */
export type RecordedOf<E extends { readonly type: string; readonly data: unknown }> = { [T in E['type']]: RecordedDomainEvent<E, T> }[E['type']];

/**
 * A stream's history as its domain's events, for code that reads a history (views, projections):
 * the data is taken as typed here, once, as for the relay's mapping, instead of a cast per reader.
 */
export function recordedAs<E extends { readonly type: string; readonly data: unknown }>(history: readonly RecordedEvent[]): readonly RecordedOf<E>[] {
  return history as readonly RecordedOf<E>[];
}

/**
 * A mapping typed by a domain's event union: every type of the union is listed (a new event type
 * does not compile until it says whether and how it leaves the service), and each mapper receives
 * that type's data, so no mapper casts `e.data`.
 */
export type TypedEventMapping<E extends { readonly type: string; readonly data: unknown }> = {
  readonly [T in E['type']]: (event: RecordedDomainEvent<E, T>) => IntegrationEventDraft | null;
};

/**
 * The relay's mapping from a typed one. The one place the data is taken as its type: the stream
 * holds only what this domain's deciders appended under that type.
 */
export function mappingOf<E extends { readonly type: string; readonly data: unknown }>(mapping: TypedEventMapping<E>): IntegrationEventMapping {
  return mapping as unknown as IntegrationEventMapping;
}

/** A typed draft: the payload is checked against the contract's type at compile time (and its schema at publish time). */
export function integrationEvent<Payload>(contract: IntegrationContract<Payload>, payload: Payload, subject?: string): IntegrationEventDraft<Payload> {
  return subject === undefined ? { contract, payload } : { contract, payload, subject };
}

export function mapDomainEvent(mapping: IntegrationEventMapping, event: RecordedEvent): IntegrationEventDraft | null {
  const mapper = Object.prototype.hasOwnProperty.call(mapping, event.type) ? mapping[event.type] : undefined;
  return mapper ? mapper(event) : null;
}
