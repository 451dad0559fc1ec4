import { isInstant, isPastDeadline, isResponseWindow, offerDeadline } from './deadline';

describe('offer deadlines', () => {
  it('adds the response window to the offer time, in UTC', () => {
    expect(offerDeadline('2025-03-22T09:00:00+08:00', 72)).toBe('2025-03-25T01:00:00.000Z');
    expect(offerDeadline('2025-03-22T09:00:00Z', 1)).toBe('2025-03-22T10:00:00.000Z');
  });

  it('lets an answer count at the deadline itself, not after', () => {
    expect(isPastDeadline('2025-03-25T09:00:00+08:00', '2025-03-25T01:00:00.000Z')).toBe(false);
    expect(isPastDeadline('2025-03-25T09:00:01+08:00', '2025-03-25T01:00:00.000Z')).toBe(true);
  });

  it('accepts only instants with an offset and whole-hour windows up to 90 days', () => {
    expect(isInstant('2025-03-22T09:00:00+08:00')).toBe(true);
    expect(isInstant('2025-03-22T09:00:00')).toBe(false);
    expect(isResponseWindow(72)).toBe(true);
    expect(isResponseWindow(0)).toBe(false);
    expect(isResponseWindow(1.5)).toBe(false);
    expect(isResponseWindow(90 * 24 + 1)).toBe(false);
  });
});
