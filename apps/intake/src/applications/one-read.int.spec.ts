/**
 * Every intake command reads the application's stream once (issue #11): who may amend or withdraw
 * (the application's region) is the decider's to say, on the state that one read folds.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@sa/event-store';
import { EVENT_STORE, type RunningService, startService } from '@sa/platform';
import { serviceTestEnv } from '@sa/testing';
import { service } from '../service';
import { householdApplication, residentId, tokenFor } from '../tests/intake-test-kit';
import { applicationStream } from './application-commands';

describe('intake commands read the application once (real PostgreSQL event store, FerretDB, Kafka)', () => {
  let intake: RunningService;
  /** Reads of each stream, counted on the service's own event store. */
  const reads = new Map<string, number>();
  const readsOf = (applicationId: string) => reads.get(applicationStream(applicationId)) ?? 0;
  const post = async (path: string, body: unknown, orgUnit = '331002') => {
    const res = await fetch(`${intake.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor('intake-worker', orgUnit)}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    intake = await startService(service, serviceTestEnv('intake', { KAFKA_TOPIC_PREFIX: `${randomUUID().slice(0, 8)}.` }));
    const store = intake.app.get<EventStore>(EVENT_STORE);
    const readStream = store.readStream.bind(store);
    jest.spyOn(store, 'readStream').mockImplementation((stream, options) => {
      reads.set(stream, (reads.get(stream) ?? 0) + 1);
      return readStream(stream, options);
    });
  });
  afterAll(async () => {
    await intake?.app.close();
  });

  it('submits without a read, then amends and withdraws on one read each', async () => {
    // Given an application submitted by the county's intake worker (a new stream: not read at all)
    const submitted = await post('/applications', householdApplication([residentId(), residentId()], 'dibao', { wageFen: 180_000 }));
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    expect(readsOf(id)).toBe(0);

    // When it is amended, then withdrawn
    const bankAccount = { bankName: '台州银行', accountHolder: '成员0', accountNumber: '6222000099998888' };
    expect((await post(`/applications/${id}/amendments`, { changes: { bankAccount }, reason: '更换收款账户' })).status).toBe(200);
    const afterAmend = readsOf(id);
    expect((await post(`/applications/${id}/withdrawal`, { reason: '家庭成员已就业' })).status).toBe(200);

    // Then each command read the stream once
    expect([afterAmend, readsOf(id) - afterAmend]).toEqual([1, 1]);
  });

  it('refuses an intake worker of another county (403 OUTSIDE_JURISDICTION) on that one read', async () => {
    // Given an application of 椒江区 (331002)
    const submitted = await post('/applications', householdApplication([residentId()]));
    const id = submitted.body.applicationId as string;

    // When an intake worker of 黄岩区 (331003) withdraws it
    const refused = await post(`/applications/${id}/withdrawal`, { reason: '不属本辖区' }, '331003');

    // Then the decider refuses it as forbidden, naming the rule, after one read
    expect(refused).toMatchObject({ status: 403, body: { code: 'OUTSIDE_JURISDICTION', field: 'applicationId' } });
    expect(readsOf(id)).toBe(1);
  });
});
