import { firstInList, firstOf, isBlank, isInstant, isMonth, isPositiveFen, isRealDate } from './values';

describe('value checks', () => {
  it('accepts real days, months and instants with an offset, and nothing else', () => {
    expect([isRealDate('2024-02-29'), isRealDate('2025-02-29'), isRealDate('2025-2-1')]).toEqual([true, false, false]);
    expect([isMonth('2025-12'), isMonth('2025-13'), isMonth(202512)]).toEqual([true, false, false]);
    expect([isInstant('2025-03-02T09:00:00+08:00'), isInstant('2025-03-02T01:00:00Z'), isInstant('2025-03-02T09:00:00')]).toEqual([true, true, false]);
  });

  it('takes money only as whole positive fen, and blank as missing', () => {
    expect([isPositiveFen(212_700), isPositiveFen(0), isPositiveFen(2127.5), isPositiveFen('212700')]).toEqual([true, false, false, false]);
    expect([isBlank('  '), isBlank(undefined), isBlank('x')]).toEqual([true, true, false]);
  });

  it('reports the first problem, in order, and names the element', () => {
    expect(
      firstOf(
        () => undefined,
        () => 'second',
        () => 'third',
      ),
    ).toBe('second');
    expect(firstInList([1, 2, 3], (n, i) => (n > 1 ? `item ${i}` : undefined))).toBe('item 1');
  });
});
