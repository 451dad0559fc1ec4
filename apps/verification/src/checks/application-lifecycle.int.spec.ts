import { randomUUID } from 'node:crypto';
import { caseSentBackForReinvestigationV1, casesTopicV1, countyDataReceiptV1, objectionLodgedV1, receiptsTopicV1, vehicleRegistrationV1 } from '@sa/contracts';
import { householdCheckDecider } from '@sa/domain-verification';
import type { EventStore } from '@sa/event-store';
import { readDeadLetters } from '@sa/messaging';
import { EVENT_STORE, executeCommand } from '@sa/platform';
import { eventually } from '@sa/testing';
import { application, residentId, token, VerificationHarness } from '../test-support/verification-harness';
import { verificationSystem } from './check-commands';
import { checkStream } from './check-runner';
import { householdOf, placeOf } from './household-from-application';
import { kafkaClientOptions } from '@sa/messaging';

const intakeWorker = { userId: 'wang.fang', role: 'intake-worker' as const, orgUnit: '331002001' };
const townshipReviewer = { userId: 'li.ming', role: 'township-reviewer' as const, orgUnit: '331002001' };

describe('verification: amended, withdrawn and sent-back applications, checks that cannot finish at once (real servers)', () => {
  const harness = new VerificationHarness();

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  /** Run by a county's administrator, the job resumes that county's checks only. */
  const runJob = async (bearer = token('civil-affairs-admin')) => {
    const res = await harness.post('/admin/jobs/resume-open-checks/run', {}, bearer);
    expect(res.status).toBe(201);
    return ((await res.json()) as { result: Record<string, number> }).result;
  };

  it('re-checks an amended household, then closes the check when the application is withdrawn', async () => {
    // Given a checked, eligible application
    const submitted = application([residentId(), residentId(), residentId()]);
    await harness.submit(submitted);
    const [first] = await harness.publishedChecks(submitted.applicationId);
    expect(first?.eligible).toBe(true);

    // When intake amends it: the applicant's wage was 4,000.00, not 1,800.00
    const members = submitted.household.members.map((m, i) =>
      i === 0 ? { ...m, declaredMonthlyIncomes: [{ kind: 'wage' as const, monthlyFen: 400_000 }] } : m,
    );
    await harness.amend({
      applicationId: submitted.applicationId,
      changes: { members },
      reason: '工资申报有误',
      amendedBy: intakeWorker,
      amendedAt: new Date().toISOString(),
    });

    // Then a new round assesses the corrected household: (4,000.00 − 357.00) ÷ 3 = 1,214.33, above the standard
    const [, second] = await harness.publishedChecks(submitted.applicationId, 2);
    expect(second).toMatchObject({
      countedMonthlyIncomeFen: 364_300,
      perCapitaMonthlyIncomeFen: 121_433,
      eligible: false,
      ineligibilityReasons: [expect.objectContaining({ code: 'income-above-standard' })],
    });
    expect(second?.checkId).not.toBe(first?.checkId);

    // When the household withdraws
    await harness.withdraw({
      applicationId: submitted.applicationId,
      reason: '家庭主动撤回',
      withdrawnBy: intakeWorker,
      withdrawnAt: new Date().toISOString(),
    });

    // Then the check is closed, keeping its result, and no re-check runs on it any more
    await eventually(async () => expect(await harness.check(submitted.applicationId)).toMatchObject({ status: 'cancelled', outcome: 'ineligible' }));
    const refused = await harness.post(`/checks/${submitted.applicationId}/recheck`, { reason: '复核' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'CHECK_CANCELLED' });
  });

  it('runs a new round when approval sends the case back for a sustained objection (公示异议成立), once per objection', async () => {
    // Given a checked, eligible application
    const submitted = application([residentId(), residentId(), residentId()]);
    const { applicationId, region } = submitted;
    await harness.submit(submitted);
    const [first] = await harness.publishedChecks(applicationId);
    expect(first?.eligible).toBe(true);

    // And, since, public security has reported the car the objection is about (registered to the applicant)
    const applicant = submitted.household.members[0]?.residentId as string;
    const vehicleMessage = `gaj-vh-${randomUUID()}`;
    await harness.county(vehicleRegistrationV1, {
      messageId: vehicleMessage,
      residentId: applicant,
      plateNumber: '浙J·C3456',
      vehicleType: '小型货车',
      registeredOn: '2024-11-02',
    });
    await harness.read(receiptsTopicV1, (rs) =>
      rs.some((r) => r.key === vehicleMessage && countyDataReceiptV1.schema.parse(JSON.parse(r.value)).status === 'ACK'),
    );

    // When approval publishes the objection (not verification's concern) and then sends the case back
    const objectionId = randomUUID();
    const ruling = '经核实，申请人名下确有一辆未申报的小型货车';
    const sentBack = { applicationId, region, objectionId, reason: ruling, sentBackBy: townshipReviewer, sentBackAt: new Date().toISOString() };
    await harness.publish(
      objectionLodgedV1,
      { applicationId, objectionId, summary: '反映该户有一辆未申报的小型货车', lodgedAt: new Date().toISOString(), recordedBy: intakeWorker },
      randomUUID(),
      '/sa/approval',
    );
    await harness.publish(caseSentBackForReinvestigationV1, sentBack, randomUUID(), '/sa/approval');

    // Then a new round, with a new check id, assesses the register as it is now: the undeclared car makes the household ineligible
    const [, second] = await harness.publishedChecks(applicationId, 2);
    expect(second?.checkId).not.toBe(first?.checkId);
    expect(second?.eligible).toBe(false);
    expect(second?.ineligibilityReasons.map((r) => r.code)).toContain('undeclared-vehicle');
    // And the service ran it on the objection's ruling; no investigator signed it off
    expect(second?.investigator).toBeUndefined();
    const view = await harness.check<{
      rounds: { checkId: string; trigger: string; objectionId?: string; reason?: string; requestedBy: { userId: string } }[];
    }>(applicationId);
    expect(view.rounds.at(-1)).toMatchObject({
      checkId: second?.checkId,
      trigger: 'objection',
      objectionId,
      reason: ruling,
      requestedBy: { userId: 'verification-service' },
    });

    // When the same objection's send-back arrives again (a republish under a new message id), then another objection's
    await harness.publish(caseSentBackForReinvestigationV1, { ...sentBack, sentBackAt: new Date().toISOString() }, randomUUID(), '/sa/approval');
    await harness.publish(caseSentBackForReinvestigationV1, { ...sentBack, objectionId: randomUUID(), reason: '另一项异议成立' }, randomUUID(), '/sa/approval');

    // Then only the other objection opens a round (one key keeps its order, so the repeat was handled before it)
    const checks = await harness.publishedChecks(applicationId, 3);
    expect(new Set(checks.map((c) => c.checkId)).size).toBe(3);
    expect((await harness.check<{ rounds: { trigger: string; reason?: string }[] }>(applicationId)).rounds.map((r) => [r.trigger, r.reason])).toEqual([
      ['application', undefined],
      ['objection', ruling],
      ['objection', '另一项异议成立'],
    ]);
    // And approval's other case events were ignored, not dead-lettered
    const kafka = kafkaClientOptions(harness.brokers, 'vt-dlq-reader');
    expect(await readDeadLetters(kafka, harness.topic(`${casesTopicV1}.dlq`))).toEqual([]);
  });

  it('keeps a check open while no policy is in force for the region, without losing or dead-lettering the application', async () => {
    // Given an application from a region no policy in POLICY_FILE covers (Beijing, Dongcheng)
    const submitted = application([residentId()], 180_000, '110101001001');

    // When it arrives
    await harness.submit(submitted);

    // Then its department data is collected, but it waits for a policy instead of completing
    const beijing = token('investigator', '110101');
    await eventually(async () => {
      const view = (await (await harness.get(`/checks/${submitted.applicationId}`, beijing)).json()) as {
        status: string;
        rounds: { departmentDataAsOf?: string }[];
      };
      expect(view).toMatchObject({ status: 'open', rounds: [{ departmentDataAsOf: expect.any(String) }] });
    });
    // And the resume job, run by Dongcheng's administrator, reports it as waiting, run after run (Jiaojiang's sees nothing of it)
    await eventually(async () => expect(await runJob(token('civil-affairs-admin', '110101'))).toMatchObject({ waiting: 1 }));
    expect(await runJob()).not.toMatchObject({ waiting: 1 });
  });

  it('finishes a check a run left half-way (the service stopped after the request) with the resume job', async () => {
    // Given a check that was requested but never run (as after a crash right after the request)
    const submitted = application([residentId(), residentId(), residentId()]);
    const store = harness.app.get<EventStore>(EVENT_STORE);
    await executeCommand(
      store,
      checkStream(submitted.applicationId),
      householdCheckDecider,
      {
        type: 'RequestCheck',
        applicationId: submitted.applicationId,
        checkId: randomUUID(),
        programme: 'dibao',
        ...placeOf(submitted.region),
        household: householdOf(submitted.household),
        consentToDataCheck: true,
        requestedAt: new Date().toISOString(),
      },
      { actor: verificationSystem(submitted.region) },
    );

    // When the job runs
    await eventually(async () => expect((await runJob()).completed).toBeGreaterThanOrEqual(1));

    // Then the check completes and is published like any other
    const [check] = await harness.publishedChecks(submitted.applicationId);
    expect(check).toMatchObject({ countedMonthlyIncomeFen: 144_300, perCapitaMonthlyIncomeFen: 48_100, eligible: true });
  });
});
