import { randomUUID } from 'node:crypto';
import { countyDataReceiptV1, receiptsTopicV1, vehicleRegistrationV1 } from '@sa/contracts';
import { eventually } from '@sa/testing';
import { application, residentId, token, VerificationHarness } from '../test-support/verification-harness';

describe('verification: automatic economic checks (real PostgreSQL event store, FerretDB read model, Kafka)', () => {
  const harness = new VerificationHarness();

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  /** A vehicle registered to the resident, as public security reports it; resolves once it is ACKed. */
  async function vehicleRegistered(resident: string): Promise<string> {
    const messageId = `gaj-vh-${randomUUID()}`;
    await harness.county(vehicleRegistrationV1, {
      messageId,
      residentId: resident,
      plateNumber: '浙J·A1234',
      vehicleType: '小型普通客车',
      registeredOn: '2019-07-15',
    });
    await harness.read(receiptsTopicV1, (rs) => rs.some((r) => r.key === messageId && countyDataReceiptV1.schema.parse(JSON.parse(r.value)).status === 'ACK'));
    return messageId;
  }

  it('checks a household of three with one wage of 1,800.00 automatically: counted 1,443.00, per capita 481.00, eligible', async () => {
    // Given a household of three in Jiaojiang (taizhou-2025: dibao standard 1,190.00), one member earning 1,800.00 a month
    const submitted = application([residentId(), residentId(), residentId()]);

    // When intake publishes the application, with consent to the check
    await harness.submit(submitted);

    // Then the check is published with the full rule trace: 1,800.00 − 30 % × 1,190.00 = 1,443.00; ÷ 3 = 481.00
    const [check] = await harness.publishedChecks(submitted.applicationId);
    expect(check).toMatchObject({
      applicationId: submitted.applicationId,
      programme: 'dibao',
      region: '331002001001',
      policyId: 'taizhou-2025',
      standardFen: 119_000,
      householdSize: 3,
      countedMonthlyIncomeFen: 144_300,
      perCapitaMonthlyIncomeFen: 48_100,
      eligible: true,
      ineligibilityReasons: [],
      discrepancies: [],
      propertyTest: { passed: true, failures: [] },
    });
    const applicant = submitted.household.members[0]?.memberId;
    expect(check?.ruleTrace.map((t) => [t.rule, t.memberId, t.amountFen, t.counted])).toEqual([
      ['wage-counted', applicant, 180_000, true],
      ['employment-cost-deduction', applicant, -35_700, true],
    ]);
    expect(check?.ruleTrace.every((t) => t.basis.length > 0)).toBe(true);
    expect(check?.investigator).toBeUndefined();

    // And an investigator of the county reads the same result, with the rounds that led to it
    const res = await harness.get(`/checks/${submitted.applicationId}`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as {
      status: string;
      outcome: string;
      result: { countedMonthlyIncomeFen: number; monthlyGapFen: number; ruleTrace: unknown[] };
      rounds: { trigger: string; requestedBy: { role: string } }[];
    };
    expect(view).toMatchObject({ status: 'completed', outcome: 'eligible', result: { countedMonthlyIncomeFen: 144_300, monthlyGapFen: 212_700 } });
    expect(view.result.ruleTrace).toHaveLength(2);
    expect(view.rounds).toMatchObject([{ trigger: 'application', requestedBy: { role: 'county-system' } }]);

    // And the read model lists it for the county
    await eventually(async () => {
      const list = (await (await harness.get('/checks?status=completed')).json()) as {
        items: { applicationId: string; outcome: string; membersMasked: string[] }[];
      };
      expect(list.items.find((i) => i.applicationId === submitted.applicationId)).toMatchObject({
        outcome: 'eligible',
        membersMasked: [expect.stringMatching(/^331002\*{12}$/), expect.any(String), expect.any(String)],
      });
    });
  });

  it('finds a vehicle the county registered before the application, which the household did not declare: ineligible, with the discrepancy', async () => {
    // Given public security registered a car to a member before the household applied
    const members = [residentId(), residentId(), residentId()];
    const factId = await vehicleRegistered(members[1] as string);

    // When the household applies declaring no vehicle
    const submitted = application(members);
    await harness.submit(submitted);

    // Then the check is ineligible for the undeclared vehicle, names the discrepancy (masked) and the fact it rests on
    const [check] = await harness.publishedChecks(submitted.applicationId);
    expect(check?.eligible).toBe(false);
    expect(check?.ineligibilityReasons.map((r) => r.code)).toEqual(expect.arrayContaining(['undeclared-vehicle']));
    expect(check?.discrepancies).toEqual([
      expect.objectContaining({
        kind: 'undeclared-vehicle',
        source: 'public-security',
        residentIdMasked: `${(members[1] as string).slice(0, 6)}************`,
        declared: '0 vehicle(s) declared by the household',
      }),
    ]);
    expect(check?.departmentFactsSeen).toEqual([expect.objectContaining({ source: 'public-security', factId })]);
    // The income figures are still those of the worked example: the vehicle disqualifies, it is not income.
    expect(check?.countedMonthlyIncomeFen).toBe(144_300);
  });

  it('lets an investigator re-check after new county data, signing the new round; refuses bad input, other counties and other roles', async () => {
    // Given a completed, eligible check
    const members = [residentId(), residentId()];
    const submitted = application(members);
    await harness.submit(submitted);
    const [first] = await harness.publishedChecks(submitted.applicationId);
    expect(first?.eligible).toBe(true);

    // When a vehicle is registered afterwards and the investigator asks for a re-check
    await vehicleRegistered(members[0] as string);
    const path = `/checks/${submitted.applicationId}/recheck`;
    expect((await harness.post(path, { reason: ' ' })).status).toBe(400);
    expect((await harness.post(path, { reason: '公安新登记车辆' }, token('investigator', '330102'))).status).toBe(403);
    expect((await harness.post(path, { reason: '公安新登记车辆' }, token('township-reviewer'))).status).toBe(403);
    expect((await harness.post(`/checks/${randomUUID()}/recheck`, { reason: '公安新登记车辆' })).status).toBe(404);
    const res = await harness.post(path, { reason: '公安新登记车辆' });

    // Then the new round runs at once on the register as it is now, and is published with the investigator
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { checkId: string; status: string; eligible: boolean };
    expect(answer).toMatchObject({ status: 'completed', eligible: false });
    expect(answer.checkId).not.toBe(first?.checkId);
    const [, second] = await harness.publishedChecks(submitted.applicationId, 2);
    expect(second).toMatchObject({ checkId: answer.checkId, eligible: false, investigator: { userId: 'li.hua', role: 'investigator', orgUnit: '331002' } });

    // And reading stays within the jurisdiction and the roles
    expect((await harness.get(`/checks/${submitted.applicationId}`, token('investigator', '330102'))).status).toBe(403);
    expect((await harness.get(`/checks/${submitted.applicationId}`, token('intake-worker'))).status).toBe(403);
    expect((await harness.get(`/checks/${randomUUID()}`)).status).toBe(404);
    const view = (await (await harness.get(`/checks/${submitted.applicationId}`, token('auditor', '331000'))).json()) as {
      rounds: { trigger: string; reason?: string; outcome: string }[];
    };
    expect(view.rounds).toMatchObject([
      { trigger: 'application', outcome: 'eligible' },
      { trigger: 'investigator', reason: '公安新登记车辆', outcome: 'ineligible' },
    ]);
  });
});
