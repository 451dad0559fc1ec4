import { recoveredFromEveryFault } from './recovery';

describe('recovery invariant', () => {
  it('holds when every fault was recovered from', () => {
    // Given faults each followed by a recovery
    const verdict = recoveredFromEveryFault([{ fault: 'kill -9 intake' }, { fault: 'stop ferretdb 30 s' }]);

    // Then it holds
    expect(verdict).toMatchObject({ ok: true, failures: [] });
  });

  it('names the fault after which a service stayed unready', () => {
    // Given a fault after which audit never answered ready
    const verdict = recoveredFromEveryFault([
      { fault: 'kill -9 intake' },
      { fault: 'stop ferretdb 30 s', error: 'not every service was ready within 120 s: {"audit":"503 mongodb: no answer within 3000 ms"}' },
    ]);

    // Then it fails, naming that fault and why
    expect(verdict.ok).toBe(false);
    expect(verdict.failures).toEqual(['stop ferretdb 30 s: not every service was ready within 120 s: {"audit":"503 mongodb: no answer within 3000 ms"}']);
  });
});
