import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { checkStoredLink, computeEventHash, genesisHash, hashWithDataJson, storedHashMatches, type StoredEvent } from './hash-chain';

const envelope = {
  eventId: '0b9e4c2a-7d31-4f6e-8a52-1c3d5e7f9a20',
  type: 'EntitlementGranted',
  schemaVersion: 2,
  stream: 'entitlement-7d31',
  revision: 0,
  position: 131_073,
  occurredAt: '2025-03-21T02:30:00.000Z',
  recordedAt: '2025-03-21T02:30:00.480Z',
  actor: { userId: 'chen.jie', role: 'county-approver', orgUnit: '331002' },
  correlationId: 'c-approval-9',
  causationId: 'e-confirmed-9',
  sourceSystem: 'approval',
  prevHash: genesisHash,
};
const data = { month: '2025-04', amountFen: 212_700, payee: { bankName: '台州银行', accountHolder: '王秀英' }, reference: '低保金\n"备注"' };

/** An event as the store writes it: data kept as the canonical text its hash covers. */
function stored(dataJson = canonicalJson(data), hash = computeEventHash({ ...envelope, data })): StoredEvent {
  return { ...envelope, dataJson, hash };
}

describe('the hash over the envelope', () => {
  it('is the SHA-256 of the canonical JSON of every covered member, the data rendered in place', () => {
    // Given the covered members, with actor members the envelope does not cover
    const covered = { ...envelope, position: undefined, actor: { ...envelope.actor, extra: 'ignored' }, data };
    const { position: _notCovered, ...definition } = { ...covered, actor: envelope.actor };
    // Then the hash is the definition's, whether data comes as a value or as its rendered text
    const expected = createHash('sha256').update(canonicalJson(definition)).digest('hex');
    expect(computeEventHash(covered)).toBe(expected);
    expect(hashWithDataJson(covered, canonicalJson(data))).toBe(expected);
  });

  it.each([
    ['quotes and backslashes', 'u-"1"\\x'],
    ['control characters', 'line\nbreak\ttab\u0001'],
    ['a lone surrogate', 'half \ud800 pair'],
    ['a surrogate pair and line separators', '😀 \u2028 \u2029'],
    ['non-ASCII text', '台州市民政局'],
  ])('renders envelope strings exactly as canonical JSON does: %s', (_label, text) => {
    const event = { ...envelope, correlationId: text, actor: { ...envelope.actor, userId: text }, data };
    const { position: _notCovered, ...definition } = event;
    expect(computeEventHash(event)).toBe(createHash('sha256').update(canonicalJson(definition)).digest('hex'));
  });

  it('omits members that are undefined, as canonical JSON does', () => {
    const withoutCausation = { ...envelope, causationId: undefined as unknown as string, data };
    const { position: _notCovered, ...definition } = withoutCausation;
    expect(computeEventHash(withoutCausation)).toBe(createHash('sha256').update(canonicalJson(definition)).digest('hex'));
  });
});

describe('checking a stored event', () => {
  it('accepts data kept as the canonical text its hash covers', () => {
    expect(storedHashMatches(stored())).toBe(true);
    expect(checkStoredLink(stored(), undefined)).toBeUndefined();
  });

  it('accepts data an older store kept in another rendering of the same value (jsonb: spaces, keys by length)', () => {
    // Given the data as jsonb renders it
    const jsonbText =
      '{"month": "2025-04", "payee": {"bankName": "台州银行", "accountHolder": "王秀英"}, "amountFen": 212700, "reference": "低保金\\n\\"备注\\""}';
    expect(JSON.parse(jsonbText)).toEqual(data);
    // Then the hash still covers it
    expect(storedHashMatches(stored(jsonbText))).toBe(true);
  });

  it.each([
    ['an amount changed', canonicalJson({ ...data, amountFen: 312_700 })],
    ['a member added', canonicalJson({ ...data, note: 'x' })],
    ['the same text with a member removed', canonicalJson({ ...data, reference: undefined })],
  ])('refuses data that was changed: %s', (_label, dataJson) => {
    expect(storedHashMatches(stored(dataJson))).toBe(false);
    expect(checkStoredLink(stored(dataJson), undefined)).toBe('hash-mismatch');
  });

  it('refuses an envelope that was changed around intact data', () => {
    expect(storedHashMatches({ ...stored(), actor: { ...envelope.actor, userId: 'u-someone-else' } })).toBe(false);
  });

  it('reports order breaks before hashing', () => {
    expect(checkStoredLink({ ...stored(), revision: 1 }, undefined)).toBe('revision-gap');
    expect(checkStoredLink(stored(), { revision: -1, hash: 'f'.repeat(64) })).toBe('prev-hash-mismatch');
  });
});
