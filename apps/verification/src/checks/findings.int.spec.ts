import { randomUUID } from 'node:crypto';
import {
  applicationSubmittedV2,
  assistanceStatusV1,
  countyDataReceiptV1,
  economicCheckCompletedV1,
  entitlementGrantedV1,
  receiptsTopicV1,
} from '@sa/contracts';
import { eventually } from '@sa/testing';
import { application, residentId, token, VerificationHarness } from '../test-support/verification-harness';

describe('verification: declarations, the caseload and investigator findings (real PostgreSQL, FerretDB, Kafka)', () => {
  const harness = new VerificationHarness();

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  /** application-submitted v2 with a supporter outside the household paying 800.00 to the applicant. */
  function withSupporter(members: string[], supporter: string) {
    const submitted = application(members, 100_000);
    const applicant = submitted.household.members[0]?.residentId as string;
    return {
      ...submitted,
      household: {
        ...submitted.household,
        obligedSupporters: [
          { name: '王强', residentId: supporter, relation: 'child' as const, supportsMemberResidentId: applicant, monthlySupportFen: 80_000 },
        ],
        supportWaiverRequest: { reason: '医疗支出大' },
      },
    };
  }

  it('takes a supporter’s dibao status from payments’ grant over Kafka, and the investigator’s findings each re-run the check', async () => {
    // Given a supporter who is covered by a live dibao entitlement of an application this service checked
    const supporter = residentId();
    const supporterCase = application([supporter], 0);
    await harness.submit(supporterCase);
    await harness.publishedChecks(supporterCase.applicationId);
    await harness.publish(
      entitlementGrantedV1,
      { ...entitlementGrantedV1.example, applicationId: supporterCase.applicationId, entitlementId: randomUUID(), region: '331002001001' },
      randomUUID(),
      '/sa/payments',
    );
    await eventually(async () => {
      const res = (await (await harness.get(`/residents/${supporter}/benefit`)).json()) as { liveBenefit: { programme: string } | null };
      expect(res.liveBenefit).toMatchObject({ programme: 'dibao', source: 'platform-caseload' });
    });

    // When a household declares support from that supporter (application-submitted v2)
    const submitted = withSupporter([residentId(), residentId()], supporter);
    await harness.publish(applicationSubmittedV2, submitted, randomUUID(), '/sa/intake');

    // Then the support is not counted, and the published check names the category
    const [first] = await harness.publishedChecks(submitted.applicationId);
    expect(first?.ruleTrace.find((t) => t.item.startsWith('support payment'))).toMatchObject({
      rule: 'support-from-low-income-supporter-excluded',
      counted: false,
    });
    expect(first).toMatchObject({ countedMonthlyIncomeFen: 100_000 - 35_700, category: { category: 'dibao-eligible' } });

    // And a finding is refused with its field and rule when it names what the household does not have, or comes from outside
    const path = `/checks/${submitted.applicationId}/findings`;
    const why = { reason: '入户核实', evidenceReference: '入户调查表 001' };
    const unknown = await harness.post(path, { finding: { kind: 'rigid-expenditure-rejected', expenditureId: 'declared-7' }, ...why });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ code: 'FINDING_INVALID', field: 'finding.expenditureId' });
    expect((await harness.post(path, { finding: { kind: 'no-such-kind' }, ...why })).status).toBe(400);
    expect((await harness.post(path, { finding: { kind: 'visit-recorded', facts: '卧床' }, ...why }, token('investigator', '330102'))).status).toBe(403);
    expect((await harness.post(`/checks/${randomUUID()}/findings`, { finding: { kind: 'visit-recorded', facts: '卧床' }, ...why })).status).toBe(404);

    // And a recorded rigid expenditure re-runs the check at once, published with the investigator
    const recorded = await harness.post(path, {
      finding: {
        kind: 'rigid-expenditure-recorded',
        expenditure: { memberId: submitted.household.members[1]?.memberId, kind: 'education', monthlyFen: 20_000, fromMonth: '2026-01', months: 12 },
      },
      ...why,
    });
    expect(recorded.status).toBe(200);
    const answer = (await recorded.json()) as { checkId: string; status: string };
    expect(answer.status).toBe('completed');
    const [, second] = await harness.publishedChecks(submitted.applicationId, 2);
    expect(second).toMatchObject({ checkId: answer.checkId, countedMonthlyIncomeFen: 100_000 - 35_700 - 20_000, investigator: { role: 'investigator' } });
    const view = await harness.check<{
      rounds: { trigger: string; reason?: string }[];
      household: {
        obligedSupporters: { supporterId: string; residentIdMasked: string; status?: { source: string } }[];
        supportWaiverRequested: boolean;
        investigation: { recordedBy: { role: string } }[];
      };
    }>(submitted.applicationId);
    expect(view.rounds.at(-1)).toMatchObject({
      trigger: 'investigator',
      reason: expect.stringContaining('rigid-expenditure-recorded: 入户核实 (evidence: 入户调查表 001)'),
    });
    expect(view.household.obligedSupporters).toEqual([
      expect.objectContaining({ supporterId: 'supporter-1', status: expect.objectContaining({ source: 'platform-caseload' }) }),
    ]);
    expect(view.household.obligedSupporters[0]?.residentIdMasked).toMatch(/^\d{6}\*{12}$/);
    expect(view.household).toMatchObject({ supportWaiverRequested: true, investigation: [{ recordedBy: { role: 'investigator' } }] });
    expect(economicCheckCompletedV1.schema.safeParse(second).success).toBe(true);

    // And a supporter found on the visit is recorded; the view masks their resident ID in the finding too
    const brother = residentId();
    const supporterFinding = {
      finding: {
        kind: 'supporter-recorded',
        supporter: { residentId: brother, relation: 'sibling', supportsMemberId: submitted.household.members[0]?.memberId, monthlySupportFen: 10_000 },
      },
      ...why,
    };
    expect((await harness.post(path, supporterFinding)).status).toBe(200);
    const after = JSON.stringify(await harness.check(submitted.applicationId));
    expect(after).not.toContain(brother);
    expect(after).toContain('investigator-supporter-2');
  });

  it('takes a supporter’s low-income status from the county’s civil-affairs records when the platform does not pay them', async () => {
    // Given a supporter whom another county's civil-affairs system reports as a low-income family member
    const supporter = residentId();
    const messageId = `mz-${randomUUID()}`;
    await harness.county(assistanceStatusV1, { messageId, residentId: supporter, status: 'low-income', issuingRegion: '330106', fromDate: '2025-01-01' });
    await harness.read(receiptsTopicV1, (rs) => rs.some((r) => r.key === messageId && countyDataReceiptV1.schema.parse(JSON.parse(r.value)).status === 'ACK'));

    // When a household declares support from them
    const submitted = withSupporter([residentId()], supporter);
    await harness.publish(applicationSubmittedV2, submitted, randomUUID(), '/sa/intake');

    // Then the support is left out, the status shown with its source and the county message
    const [check] = await harness.publishedChecks(submitted.applicationId);
    expect(check?.ruleTrace.find((t) => t.item.startsWith('support payment'))).toMatchObject({
      rule: 'support-from-low-income-supporter-excluded',
      counted: false,
    });
    const view = await harness.check<{ household: { obligedSupporters: { status?: { value: string; source: string; reference: string } }[] } }>(
      submitted.applicationId,
    );
    expect(view.household.obligedSupporters[0]?.status).toEqual({
      value: 'low-income',
      source: 'county-records',
      reference: expect.stringContaining(messageId),
    });
  });
});
