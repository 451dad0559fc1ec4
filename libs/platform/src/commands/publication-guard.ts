/**
 * Refuses, at the command, a domain event whose integration mapping would produce a payload its
 * contract refuses. Without this the event is stored, then the relay stops on it (it never
 * publishes a broken payload), and the caller was told 201 for something no other service will
 * ever see. With it the caller gets a 422 naming the contract field and its rule, and nothing is
 * written. The relay's own check stays as the last line.
 *
 * Guards are kept per event store (the service's publication registers one on the store it
 * appends to), so services started side by side in one process never see each other's.
 */
import { contractName, formatProblems, validatePayload } from '@sa/contracts';
import type { Rejection } from '@sa/domain-shared';
import type { Actor, RecordedEvent, StreamStore } from '@sa/event-store';
import { mapDomainEvent, type IntegrationEventMapping } from '@sa/messaging';

export interface PublicationGuard {
  /** The categories whose events the relay publishes, e.g. ["application-"]. */
  readonly streamPrefixes: readonly string[];
  readonly mapping: IntegrationEventMapping;
}

const guards = new WeakMap<StreamStore, PublicationGuard[]>();

/** Validates what `store`'s events in these categories will be published as before they are appended. */
export function guardPublication(store: StreamStore, guard: PublicationGuard): void {
  guards.set(store, [...(guards.get(store) ?? []), guard]);
}

export interface ProposedEvent {
  readonly type: string;
  readonly data: unknown;
}

/** The first event of a decision that could not be published, as a rejection naming the field; undefined when all can. */
export function unpublishableEvent(
  store: StreamStore,
  stream: string,
  events: readonly ProposedEvent[],
  envelope: { actor: Actor; correlationId?: string },
): Rejection | undefined {
  const guard = guards.get(store)?.find((g) => g.streamPrefixes.some((prefix) => stream.startsWith(prefix)));
  if (!guard) return undefined;
  for (const event of events) {
    const problem = publicationProblem(guard.mapping, provisional(stream, event, envelope));
    if (problem) return problem;
  }
  return undefined;
}

function publicationProblem(mapping: IntegrationEventMapping, event: RecordedEvent): Rejection | undefined {
  let draft;
  try {
    draft = mapDomainEvent(mapping, event);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { code: 'EVENT_NOT_PUBLISHABLE', kind: 'invalid', message: `${event.type} cannot be turned into its integration event: ${reason}` };
  }
  if (!draft) return undefined;
  const result = validatePayload(draft.contract, draft.payload);
  if (result.ok) return undefined;
  const first = result.problems[0];
  return {
    code: 'EVENT_NOT_PUBLISHABLE',
    kind: 'invalid',
    message: `would be published as ${contractName(draft.contract)}, which refuses it: ${formatProblems(result.problems)}`,
    ...(first && first.field !== '(payload)' ? { field: first.field } : {}),
  };
}

/** The event as the relay will read it; the envelope fields mappers use (actor, correlation) are the command's. */
function provisional(stream: string, event: ProposedEvent, envelope: { actor: Actor; correlationId?: string }): RecordedEvent {
  const now = new Date().toISOString();
  return {
    eventId: '00000000-0000-4000-8000-000000000000',
    type: event.type,
    schemaVersion: 1,
    stream,
    revision: 0,
    position: 0,
    data: event.data,
    occurredAt: now,
    recordedAt: now,
    actor: envelope.actor,
    correlationId: envelope.correlationId ?? '',
    causationId: null,
    sourceSystem: '',
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  };
}
