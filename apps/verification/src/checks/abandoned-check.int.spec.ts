/**
 * Issue #10, item 6: a check whose income sum overflowed was retried every 30 s forever. Now the
 * round is closed with its reason (CheckAbandoned), shown at GET /checks/:id, and the resume job
 * leaves it alone. The contracts now refuse such amounts at intake, so the household is stored as
 * it was before the bounds: straight into the check's stream on the real event store.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@sa/event-store';
import { EVENT_STORE } from '@sa/platform';
import { eventually } from '@sa/testing';
import { application, residentId, VerificationHarness } from '../test-support/verification-harness';
import { CheckReadModel } from './check-read-model';
import { checkStream } from './check-runner';
import { householdOf, placeOf } from './household-from-application';
import { ResumeOpenChecks } from './resume-open-checks.job';

describe('verification: a check that cannot complete is closed with a reason (real PostgreSQL, FerretDB, Kafka)', () => {
  const harness = new VerificationHarness();

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('closes a check whose income sum passes Number.MAX_SAFE_INTEGER, shows why, and never runs it again', async () => {
    // given an open check of a household declaring two wages of 2^53 − 1 fen, as stored before the contracts bounded them
    const submitted = application([residentId(), residentId()], Number.MAX_SAFE_INTEGER);
    const applicant = submitted.household.members[0];
    if (!applicant) throw new Error('the application has an applicant');
    applicant.declaredMonthlyIncomes.push({ kind: 'wage', monthlyFen: Number.MAX_SAFE_INTEGER, source: '台州某鞋厂' });
    const store = harness.app.get<EventStore>(EVENT_STORE);
    const checkId = randomUUID();
    const actor = { userId: 'verification-service', role: 'county-system', orgUnit: submitted.region };
    const requested = {
      applicationId: submitted.applicationId,
      checkId,
      programme: submitted.programme,
      ...placeOf(submitted.region),
      household: householdOf(submitted.household),
      consentToDataCheck: true,
      requestedAt: new Date().toISOString(),
    };
    await store.appendToStream(checkStream(submitted.applicationId), [{ type: 'CheckRequested', schemaVersion: 1, data: requested, actor }], {
      expectedRevision: 'no_stream',
    });
    const readModel = harness.app.get(CheckReadModel);
    await eventually(async () => expect((await readModel.model.findById(submitted.applicationId).lean())?.status).toBe('open'), 30_000, 250);

    // when the resume-open-checks job runs it (as it does every 30 s)
    const job = harness.app.get(ResumeOpenChecks);
    await job.run();

    // then the check is closed with the reason, for the investigator to see
    const view = await harness.check<{ status: string; checkId: string; abandonedReason?: { code: string; message: string }; rounds: unknown[] }>(
      submitted.applicationId,
    );
    expect(view).toMatchObject({ status: 'abandoned', checkId, abandonedReason: { code: 'amount-out-of-range' } });
    expect(view.abandonedReason?.message).toMatch(/MAX_SAFE_INTEGER/);
    expect(view.rounds).toMatchObject([{ checkId, abandonedReason: { code: 'amount-out-of-range' } }]);
    const types = (await store.readStream(checkStream(submitted.applicationId))).map((e) => e.type);
    expect(types).toEqual(['CheckRequested', 'DepartmentDataCollected', 'CheckAbandoned']);

    // and the read model lists it as abandoned, so the next ticks leave it alone: no new events, no failure
    await eventually(async () => expect((await readModel.model.findById(submitted.applicationId).lean())?.status).toBe('abandoned'), 30_000, 250);
    const again = await job.run();
    expect(again?.failed ?? 0).toBe(0);
    expect((await store.readStream(checkStream(submitted.applicationId))).map((e) => e.type)).toEqual(types);
    const listed = (await (await harness.get('/checks?status=abandoned')).json()) as { items: { applicationId: string }[] };
    expect(listed.items.map((i) => i.applicationId)).toContain(submitted.applicationId);
  });
});
