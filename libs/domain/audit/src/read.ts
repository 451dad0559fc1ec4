/**
 * Defensive readers for event data the audit does not own. Every service's events are plain JSON
 * whose shapes evolve (and old versions stay in the stores forever), so the audit reads fields it
 * needs by name and treats anything missing or malformed as "not said" rather than failing.
 */
import type { EnvelopeActor } from './sourced-event';

export type Json = Readonly<Record<string, unknown>>;

export function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** An actor object in event data (submittedBy, reviewedBy, …), when it is one. */
export function actorIn(value: unknown): EnvelopeActor | undefined {
  const a = record(value);
  const userId = text(a.userId);
  const role = text(a.role);
  const orgUnit = text(a.orgUnit);
  return userId && role && orgUnit ? { userId, role, orgUnit } : undefined;
}

/** The named field of an event's data. */
export function field(data: unknown, name: string): unknown {
  return record(data)[name];
}
