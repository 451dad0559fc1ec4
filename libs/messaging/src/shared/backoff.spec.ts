import { backoffDelay, sleep } from './backoff';

describe('backoff', () => {
  it('doubles from the initial delay up to the maximum', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 1000 };
    const middle = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(policy, retry, middle))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('jitters by at most a fifth either way', () => {
    const policy = { initialDelayMs: 1000, maxDelayMs: 1000 };
    expect([backoffDelay(policy, 1, () => 0), backoffDelay(policy, 1, () => 1)]).toEqual([800, 1200]);
  });

  it('ends a sleep early when its signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBe(false);
  });
});
