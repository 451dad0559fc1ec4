import { timestamptzToIso } from './rows';

describe('timestamps read from PostgreSQL', () => {
  it.each([
    ['a UTC session, milliseconds', '2026-11-23 01:05:37.123+00', '2026-11-23T01:05:37.123Z'],
    ['a UTC session, trailing zeros trimmed', '2026-11-23 01:05:37.12+00', '2026-11-23T01:05:37.120Z'],
    ['a UTC session, whole seconds', '2026-11-23 01:05:37+00', '2026-11-23T01:05:37.000Z'],
    ['a Beijing-time session', '2026-11-23 09:05:37.5+08', '2026-11-23T01:05:37.500Z'],
    ['microseconds (written by another tool)', '2026-11-23 01:05:37.123456+00', '2026-11-23T01:05:37.123Z'],
    ['a half-hour offset', '2026-11-23 06:35:37.123+05:30', '2026-11-23T01:05:37.123Z'],
  ])('gives the envelope’s ISO form for %s', (_label, text, iso) => {
    expect(timestamptzToIso(text)).toBe(iso);
  });
});
