import type { BaseConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import type { Leadership } from '../leadership/leadership';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { SystemClock } from '../time/clock';
import { scopeOf } from './jobs.controller';
import { type JobScope, Scheduler } from './scheduler';

const scheduler = () =>
  new Scheduler(
    new SystemClock(),
    createLogger('scheduler-spec', 'silent'),
    { SCHEDULER_INTERVAL_MS: 3_600_000 } as BaseConfig,
    {} as Leadership,
    new MetricsRegistry(),
  );

describe('scheduler scopes', () => {
  it('gives a platform operator every region and anyone else their organisation unit’s region, normalised', () => {
    expect(scopeOf({ role: 'platform-operator', orgUnit: '331002' })).toEqual({});
    expect(scopeOf({ role: 'payments-officer', orgUnit: '331000' })).toEqual({ region: '3310' });
    expect(scopeOf({ role: 'civil-affairs-admin', orgUnit: '331002001' })).toEqual({ region: '331002001' });
  });

  it('never answers a county’s run with another scope’s run in progress, and refuses a scoped run of a job that is not regional', async () => {
    // Given a regional job that is slow, and a job for every region only
    const s = scheduler();
    const seen: JobScope[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    s.register(
      'pay',
      async (_now, scope) => {
        seen.push(scope);
        await gate;
        return { region: scope.region ?? '*' };
      },
      { regional: true },
    );
    s.register('watch', async () => ({ ran: true }));
    // When every region's run is in progress and a county asks, and another ask for every region joins
    const everywhere = s.run('pay');
    const county = s.run('pay', { region: '331003' });
    const joined = s.run('pay');
    release();
    // Then the county got its own run, and the second ask for every region joined the first
    expect(await Promise.all([everywhere, county, joined])).toEqual([{ region: '*' }, { region: '331003' }, { region: '*' }]);
    expect(seen).toEqual([{}, { region: '331003' }]);
    // And a job that cannot be scoped refuses a scope
    await expect(s.run('watch', { region: '331002' })).rejects.toThrow(/job watch runs for every region; it cannot be run for region 331002/);
    expect(s.isRegional('pay')).toBe(true);
    expect(s.isRegional('watch')).toBe(false);
  });
});
