/**
 * A message the producer accepted is one every consumer accepts (issue #10, item 5): every contract
 * in the catalogue is walked with the edge cases a producer accepts — texts of exactly the limit in
 * astral characters (𠮷), in combining marks, in CJK, between spaces; money at its ceiling — and
 * each is produced as the relay does (parsePayload, encodeCloudEvent) and read back as a consumer
 * does (decodeCloudEvent). One more character, one more fen, is refused by the producer, naming the
 * field, so it is never published to be dead-lettered downstream.
 */
import { allContracts, contractName, ContractViolationError, type IntegrationContract, parsePayload } from '@sa/contracts';
import { z } from 'zod';
import { decodeCloudEvent, encodeCloudEvent, type IncomingRecord } from './binary-mode';

type Json = Record<string, unknown>;
type Path = readonly (string | number)[];
interface Slot {
  readonly path: Path;
  readonly kind: 'text' | 'money';
  readonly max: number;
}

/** Free-text and bounded-money fields present in a value, found by walking the contract's JSON Schema beside it. */
function slots(schema: Json, value: unknown, path: Path = []): Slot[] {
  const branches = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (branches) return branches.flatMap((branch) => slots(branch, value, path)).filter(unique);
  if (schema.type === 'object' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    return Object.entries(properties).flatMap(([key, sub]) => (key in value ? slots(sub, (value as Json)[key], [...path, key]) : []));
  }
  if (schema.type === 'array' && Array.isArray(value)) return value.flatMap((item, i) => slots(schema.items as Json, item, [...path, i]));
  const freeText = schema.type === 'string' && typeof schema.maxLength === 'number' && !schema.pattern && !schema.format && !schema.enum;
  if (freeText && typeof value === 'string') return [{ path, kind: 'text', max: schema.maxLength as number }];
  const boundedMoney =
    schema.type === 'integer' && typeof schema.maximum === 'number' && schema.maximum < Number.MAX_SAFE_INTEGER && schema.maximum >= 1_000_000;
  if (boundedMoney && typeof value === 'number') return [{ path, kind: 'money', max: schema.maximum as number }];
  return [];
}

function unique(slot: Slot, index: number, all: Slot[]): boolean {
  return all.findIndex((s) => s.path.join('.') === slot.path.join('.')) === index;
}

function withValue(payload: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(payload) as Json;
  let target: Json = copy;
  for (const part of path.slice(0, -1)) target = target[part as string] as Json;
  target[path.at(-1) as string] = value;
  return copy;
}

function fieldOf(path: Path): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`), '');
}

/** What the producer accepts at the limit, by kind. */
function acceptedAtLimit(slot: Slot): { name: string; value: unknown }[] {
  if (slot.kind === 'money') return [{ name: 'the ceiling in fen', value: slot.max }];
  const combining = 'e\u0301'.repeat(Math.floor(slot.max / 2)) + (slot.max % 2 === 1 ? 'a' : '');
  return [
    { name: `${slot.max} astral characters (𠮷, two UTF-16 units each)`, value: '𠮷'.repeat(slot.max) },
    { name: `${slot.max} code points of letters and combining marks`, value: combining },
    { name: `${slot.max} CJK characters`, value: '王'.repeat(slot.max) },
    { name: 'astral characters between spaces, the limit in all', value: slot.max > 2 ? ` ${'𠮷'.repeat(slot.max - 2)} ` : '𠮷' },
  ];
}

/** What no consumer could store: one over the limit, and for text a NUL or a lone surrogate (PostgreSQL refuses both). */
function refusedValues(slot: Slot): unknown[] {
  return slot.kind === 'money' ? [slot.max + 1, Number.MAX_SAFE_INTEGER] : ['𠮷'.repeat(slot.max + 1), 'a\u0000b', '\uD842'];
}

/** As the relay publishes and a consumer reads: parse by the producer, encode, decode by the consumer. */
function roundTrip(contract: IntegrationContract, data: unknown) {
  const produced = parsePayload(contract, data);
  const record = encodeCloudEvent(contract, produced, { id: 'edge-case-0001', source: '/sa/edge-cases', time: '2025-03-03T09:15:00+08:00' });
  const messageId = contract.messageIdField ? String((produced as Json)[contract.messageIdField]) : undefined;
  const incoming: IncomingRecord = {
    topic: record.topic,
    partition: 0,
    offset: 0n,
    key: record.key ?? null,
    value: record.value ?? null,
    headers: messageId ? withHeader(record.headers, 'ce_id', messageId) : record.headers,
  };
  return { produced, consumed: decodeCloudEvent(incoming, (type, version) => (type === contract.type && version === contract.version ? contract : undefined)) };
}

function withHeader(headers: ReadonlyMap<Buffer, Buffer>, name: string, value: string): Map<Buffer, Buffer> {
  const copy = new Map([...headers].filter(([k]) => k.toString() !== name));
  copy.set(Buffer.from(name), Buffer.from(value));
  return copy;
}

const cases = allContracts.map((contract) => ({
  name: contractName(contract),
  contract,
  slots: slots(z.toJSONSchema(contract.schema, { io: 'input', unrepresentable: 'any' }) as Json, contract.example),
}));

describe('every contract: what the producer accepts, every consumer accepts', () => {
  it('finds the text and money fields of the catalogue (the walk covers them, not a handful)', () => {
    const texts = cases.flatMap((c) => c.slots.filter((s) => s.kind === 'text'));
    const money = cases.flatMap((c) => c.slots.filter((s) => s.kind === 'money'));
    expect(texts.length).toBeGreaterThan(40);
    expect(money.length).toBeGreaterThan(8);
    expect(cases.find((c) => c.name === 'sa.intake.application-submitted.v1')?.slots.map((s) => fieldOf(s.path))).toContain('household.members[0].name');
  });

  describe.each(cases)('$name', ({ contract, slots: found }) => {
    it('accepts the edge cases at every limit on both sides, with the same value', () => {
      for (const slot of found) {
        for (const edge of acceptedAtLimit(slot)) {
          // given a payload the producer accepts with this edge case in the field
          const data = withValue(contract.example, slot.path, edge.value);
          // when it is produced and consumed
          const { produced, consumed } = roundTrip(contract, data);
          // then the consumer accepts it and reads what the producer published
          expect({ field: fieldOf(slot.path), edge: edge.name, ok: consumed.ok, problems: consumed.ok ? [] : consumed.problems }).toEqual({
            field: fieldOf(slot.path),
            edge: edge.name,
            ok: true,
            problems: [],
          });
          if (consumed.ok) expect(consumed.event.payload).toEqual(produced);
        }
      }
    });

    it('refuses one character or one fen over the limit, NUL and lone surrogates at the producer, naming the field, so it is never published', () => {
      for (const slot of found) {
        for (const value of refusedValues(slot)) {
          const data = withValue(contract.example, slot.path, value);
          let refused: unknown;
          try {
            parsePayload(contract, data);
          } catch (error) {
            refused = error;
          }
          expect(refused).toBeInstanceOf(ContractViolationError);
          expect((refused as ContractViolationError).problems.map((p) => p.field)).toContain(fieldOf(slot.path));
        }
      }
    });
  });
});
