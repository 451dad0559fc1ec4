import { computeEventHash } from './hash-chain';
import { canonicalJson } from './canonical-json';

/** The definition, as plainly as it can be written: every stored hash was computed to this. */
function reference(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot hash a non-finite number (${value})`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : reference(item))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${reference((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`cannot hash a value of type ${typeof value}`);
}

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const keyPool = [
  'a',
  'b',
  'B',
  'aa',
  'amountFen',
  'payee',
  '户主',
  '王',
  'z',
  '0',
  '1',
  '10',
  '2',
  '01',
  '-1',
  '1.5',
  '4294967295',
  '\u00e9',
  '\ud83d\ude00',
  '"q"',
  'tab\t',
  '',
];
const stringPool = ['', 'plain', '台州银行', 'line\nbreak', 'quote " and \\ backslash', '\u0001', '\u2028', 'lone \ud800 surrogate', '😀', '低保金'];
// JSON number forms the serialiser must render as JavaScript does (not amounts: money is integer fen).
const numberPool = [0, -0, 1, -1, 212_700, 0.1, 1e21, 1e-7, 123.456, Number.MAX_SAFE_INTEGER, -2.5e-300];

function value(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const kind = depth > 3 ? Math.floor(next() * 4) : Math.floor(next() * 7);
  switch (kind) {
    case 0:
      return pick(stringPool);
    case 1:
      return pick(numberPool);
    case 2:
      return pick([true, false, null]);
    case 3:
      return new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * 1e10));
    case 4:
      return Array.from({ length: Math.floor(next() * 4) }, () => (next() < 0.1 ? undefined : value(next, depth + 1)));
    default: {
      const object: Record<string, unknown> = {};
      const useIntegerKeys = next() < 0.2;
      for (let i = Math.floor(next() * 6); i > 0; i--) {
        const key = pick(keyPool);
        if (!useIntegerKeys && /^(0|[1-9]\d*)$/.test(key)) continue;
        object[key] = next() < 0.1 ? undefined : value(next, depth + 1);
      }
      return object;
    }
  }
}

describe('canonicalJson', () => {
  it('gives exactly the bytes of the definition for thousands of generated values', () => {
    // Given values of every shape: nested, out-of-order keys, integer-like keys, undefined members, escapes
    for (let seed = 1; seed <= 3000; seed++) {
      const generated = value(random(seed), 0);
      // When each is serialised / Then the output is the definition's, byte for byte
      expect({ seed, json: canonicalJson(generated) }).toEqual({ seed, json: reference(generated) });
    }
  });

  it('sorts keys by UTF-16 code units at every depth and omits undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined], c: undefined }, A: '台州' })).toBe('{"A":"台州","a":{"d":[3,null]},"b":1}');
  });

  it('orders integer-like keys as strings, not as JavaScript enumerates them', () => {
    expect(canonicalJson({ 2: 'b', 10: 'a', x: 1 })).toBe('{"10":"a","2":"b","x":1}');
  });

  it('refuses an object with its own toJSON, as the definition does, rather than hash what toJSON says', () => {
    const withToJson = { name: 'x', toJSON: () => 'rendered' };
    expect(() => canonicalJson({ value: withToJson })).toThrow(/value of type function/);
    expect(() => reference({ value: withToJson })).toThrow(/value of type function/);
  });

  it('leaves the value it was given unchanged', () => {
    const data = { z: 1, a: { y: 2, b: 3 } };
    canonicalJson(data);
    expect(Object.keys(data)).toEqual(['z', 'a']);
    expect(Object.keys(data.a)).toEqual(['y', 'b']);
  });

  it.each([
    ['NaN', { amountFen: Number.NaN }, /non-finite number/],
    ['Infinity', [Number.POSITIVE_INFINITY], /non-finite number/],
    ['a function', { f: () => 1 }, /value of type function/],
    ['a symbol', { s: Symbol('x') }, /value of type symbol/],
    ['a bigint', { n: 1n }, /value of type bigint/],
    ['undefined', undefined, /value of type undefined/],
    ['an invalid date', { at: new Date(Number.NaN) }, /Invalid time value/],
  ])('refuses %s', (_label, input, error) => {
    expect(() => canonicalJson(input)).toThrow(error);
    expect(() => reference(input)).toThrow(error);
  });

  it('keeps the hash of a known event stable (hashes stored years ago must still verify)', () => {
    // Given an event as the store recorded it, its data keys in the order PostgreSQL's jsonb returns them
    const event = {
      eventId: '6f1c1d5e-2a44-4a5b-9b5e-3f2d0c1b2a10',
      type: 'PaymentInstructionIssued',
      schemaVersion: 1,
      stream: 'payroll-331002-2025-04',
      revision: 3,
      data: { month: '2025-04', amountFen: 212_700, payee: { bankName: '台州银行', accountHolder: '王秀英' }, reference: '低保金' },
      occurredAt: '2025-04-01T00:00:00.000Z',
      recordedAt: '2025-04-01T00:00:01.250Z',
      actor: { userId: 'u-pay-1', role: 'payments-officer', orgUnit: '331002' },
      correlationId: 'c-1',
      causationId: null,
      sourceSystem: 'payments',
      prevHash: '0'.repeat(64),
    };
    // Then its hash is the SHA-256 of the definition's bytes, the same as when it was first written
    expect(computeEventHash(event)).toBe(require('node:crypto').createHash('sha256').update(reference(event)).digest('hex'));
    expect(computeEventHash(event)).toBe('3f7c534d1a6ad1d33a0ee8a6a7e3f6fc1a2191bcf9e83dc9151cd7cbdd28882c');
  });
});
