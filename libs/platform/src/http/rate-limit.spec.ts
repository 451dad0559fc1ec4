import { SlidingWindowLimiter } from './rate-limit';

describe('SlidingWindowLimiter', () => {
  it('allows the limit within a window, refuses the next with the wait, and allows again once the oldest call leaves', () => {
    // Given 3 calls a minute
    const limiter = new SlidingWindowLimiter(3, 60_000);
    // When a caller makes 3 calls at 0, 10 and 20 s
    expect([0, 10_000, 20_000].map((t) => limiter.take('ops.chen|POST /payrolls', t).allowed)).toEqual([true, true, true]);
    // Then a fourth at 30 s is refused until the first leaves the window (at 60 s)
    expect(limiter.take('ops.chen|POST /payrolls', 30_000)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    // And another caller, or another route, is counted apart
    expect(limiter.take('wang.fang|POST /payrolls', 30_000).allowed).toBe(true);
    expect(limiter.take('ops.chen|POST /findings/scan', 30_000).allowed).toBe(true);
    // And at 60.001 s the first call has left: allowed again
    expect(limiter.take('ops.chen|POST /payrolls', 60_001).allowed).toBe(true);
  });
});
