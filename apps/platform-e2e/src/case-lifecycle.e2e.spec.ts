/**
 * The case lifecycle end to end: the five services as separate processes on the real Kafka,
 * PostgreSQL and FerretDB, driven only through their REST APIs and Kafka topics, as a county would.
 * Every service's clock is set to the same day and moved forward together where the rules need time
 * to pass (a public notice, the next month's payroll).
 */
import {
  caseApprovedV1,
  caseRejectedV1,
  caseSentBackForReinvestigationV1,
  economicCheckCompletedV1,
  paymentBatchIssuedV1,
  referralClosedV1,
  residentDeathV1,
  vehicleRegistrationV1,
} from '@sa/contracts';
import { eventually } from '@sa/testing';
import { Api, type ActorSpec } from './harness/api';
import { County } from './harness/county';
import { application, household } from './harness/households';
import { type RunningPlatform, startPlatform } from './harness/platform';

// Taizhou (台州), Jiaojiang district (椒江区 331002): dibao standard 1,190.00 CNY per person per month
// (config/regional-policies.yaml, taizhou-2025). Each scenario uses its own village.
const township = '331002001';
const actors = {
  intake: { userId: 'li.na', role: 'intake-worker', orgUnit: township },
  investigator: { userId: 'zhou.qiang', role: 'investigator', orgUnit: township },
  reviewer: { userId: 'zhao.lei', role: 'township-reviewer', orgUnit: township },
  approver: { userId: 'chen.jing', role: 'county-approver', orgUnit: '331002' },
  payments: { userId: 'sun.hui', role: 'payments-officer', orgUnit: '331002' },
  admin: { userId: 'wu.min', role: 'civil-affairs-admin', orgUnit: '331002' },
  auditor: { userId: 'ma.jun', role: 'auditor', orgUnit: '331002' },
  /** Moves the services' clocks: PUT /admin/clock needs a platform operator. */
  operator: { userId: 'ops.chen', role: 'platform-operator', orgUnit: '331002' },
} satisfies Record<string, ActorSpec>;

interface CaseView {
  status: string;
  check?: { checkId: string };
}

describe('case lifecycle across the five services (real Kafka, PostgreSQL, FerretDB; separate processes)', () => {
  let platform: RunningPlatform;
  let county: County;
  const api = (service: string, actor: ActorSpec) => new Api(platform.urls[service] as string, actor);

  /** Every service's clock to the same instant (China time), as if the days had passed. */
  async function setClocks(instant: string): Promise<void> {
    for (const url of Object.values(platform.urls)) {
      const res = await new Api(url, actors.operator).put('/admin/clock', { now: instant });
      expect(res.status).toBe(200);
    }
  }

  async function submit(body: unknown): Promise<string> {
    const res = await api('intake', actors.intake).post<{ applicationId: string }>('/applications', body);
    expect(res.status).toBe(201);
    return res.body.applicationId;
  }

  /** Approval opens the case once both the application and its economic check have arrived (any order). */
  async function caseOpened(applicationId: string): Promise<void> {
    await eventually(
      async () => expect((await api('approval', actors.reviewer).get<CaseView>(`/cases/${applicationId}`)).body.status).toBe('awaiting-review'),
      60_000,
      250,
    );
  }

  /** Township review and the 7-day public notice; confirming before the notice ends is refused. */
  async function approve(applicationId: string, stillInHardship = false): Promise<void> {
    await caseOpened(applicationId);
    expect((await api('approval', actors.reviewer).post(`/cases/${applicationId}/review`, { recommendation: 'approve', reasons: [] })).status).toBeLessThan(
      300,
    );
    expect((await api('approval', actors.reviewer).post(`/cases/${applicationId}/public-notice`, {})).status).toBeLessThan(300);
    const early = await api('approval', actors.approver).post<{ code: string }>(`/cases/${applicationId}/confirmation`, { stillInHardship });
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'NOTICE_PERIOD_NOT_ENDED' });
  }

  async function confirm(applicationId: string, stillInHardship = false): Promise<void> {
    const res = await api('approval', actors.approver).post(`/cases/${applicationId}/confirmation`, { stillInHardship });
    expect(res.status).toBeLessThan(300);
  }

  async function runPayroll(
    region: string,
    month: string,
  ): Promise<{ payrollId: string; instructions: { applicationId: string; amountFen: number; amountYuan: string }[] }> {
    const res = await api('payments', actors.payments).post<{
      payrollId: string;
      instructions: { applicationId: string; amountFen: number; amountYuan: string }[];
    }>('/payrolls', { region, month });
    expect([200, 201]).toContain(res.status);
    return res.body;
  }

  beforeAll(async () => {
    // The scheduled city-wide payroll waits for the 28th, so the test's own runs are the only ones.
    platform = await startPlatform({ PAYROLL_DAY_OF_MONTH: '28' });
    county = new County(platform.topicPrefix);
    await setClocks('2026-03-02T09:00:00+08:00');
  }, 240_000);

  afterAll(async () => {
    await county?.close();
    await platform?.stop();
  });

  it('approves a household of three with one wage of 1,800 and its first payroll pays exactly 2,127.00', async () => {
    const village = `${township}001`;
    // Given a household of three in which one member earns 1,800.00 a month
    const members = household([
      { name: '王建国', relation: 'applicant', birthDate: '1978-04-12', workAbility: 'full', wageFen: 180_000 },
      { name: '李秀英', relation: 'spouse', birthDate: '1980-09-03', workAbility: 'none' },
      { name: '王小明', relation: 'child', birthDate: '2012-06-18', workAbility: 'none' },
    ]);

    // When intake takes its application
    const applicationId = await submit(application('dibao', village, members));

    // Then verification counts 1,800 − 30% × 1,190 = 1,443.00, i.e. 481.00 per person, eligible
    const check = await county.published(economicCheckCompletedV1, (c) => c.applicationId === applicationId);
    expect(check).toMatchObject({
      countedMonthlyIncomeFen: 144_300,
      perCapitaMonthlyIncomeFen: 48_100,
      householdSize: 3,
      standardFen: 119_000,
      eligible: true,
    });

    // And approval reviews, notices for 7 days, refuses an early confirmation, and confirms after
    await approve(applicationId);
    await setClocks('2026-03-10T10:00:00+08:00');
    const beforeConfirmation = new Date().toISOString(); // events carry real record times
    await confirm(applicationId);
    const approved = await county.published(caseApprovedV1, (c) => c.applicationId === applicationId);
    expect(approved).toMatchObject({ benefitStartMonth: '2026-04', confirmationLevel: 'county', householdSize: 3 });

    // And payments grants (1,190 − 481) × 3 = 2,127.00 a month
    await eventually(
      async () => {
        const entitlement = await api('payments', actors.payments).get<{ monthlyAmountFen: number; monthlyAmountYuan: string }>(
          `/entitlements/${applicationId}`,
        );
        expect(entitlement.body).toMatchObject({ monthlyAmountFen: 212_700, monthlyAmountYuan: '2127.00' });
      },
      60_000,
      250,
    );

    // When the April payroll of the village runs (twice: a retry must pay nothing twice)
    await setClocks('2026-04-05T09:00:00+08:00');
    const payroll = await runPayroll(village, '2026-04');
    const again = await runPayroll(village, '2026-04');

    // Then the household is paid exactly 2,127.00, once, and the bank file says so
    expect(payroll.instructions.filter((i) => i.applicationId === applicationId)).toEqual([
      expect.objectContaining({ amountFen: 212_700, amountYuan: '2127.00' }),
    ]);
    expect(again.payrollId).toBe(payroll.payrollId);
    expect(again.instructions).toHaveLength(payroll.instructions.length);
    const file = await api('payments', actors.payments).get<string>(`/payrolls/${payroll.payrollId}/disbursement-file`);
    expect(file.status).toBe(200);
    expect(file.body).toContain('2127.00');
    // (a part of a payroll batch per message: payment-batch-issued v1)
    const issued = await county.published(paymentBatchIssuedV1, (p) => p.instructions.some((i) => i.applicationId === applicationId));
    expect(issued).toMatchObject({ payrollId: payroll.payrollId, month: '2026-04' });
    expect(issued.instructions.filter((i) => i.applicationId === applicationId)).toEqual([expect.objectContaining({ amountFen: 212_700 })]);

    // And an auditor replays the whole case across the services, in order, with who did what,
    // finds the chain intact, and rebuilds the state at any moment from the events alone
    const audit = api('audit', actors.auditor);
    const history = await audit.get<{ timeline: { source: string; type: string; actor: { userId: string; role: string } }[]; integrity: { ok: boolean } }>(
      `/cases/${applicationId}/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.integrity.ok).toBe(true);
    const sources = history.body.timeline.map((e) => e.source);
    expect(sources.indexOf('intake')).toBeLessThan(sources.indexOf('verification'));
    expect(sources.lastIndexOf('verification')).toBeLessThan(sources.lastIndexOf('approval'));
    expect(sources.lastIndexOf('approval')).toBeLessThan(sources.lastIndexOf('payments'));
    expect(history.body.timeline.find((e) => e.type === 'ApplicationSubmitted')?.actor).toMatchObject({ userId: 'li.na', role: 'intake-worker' });
    const onNotice = await audit.get<{ status: string; decision?: unknown }>(`/cases/${applicationId}/state?asOf=${encodeURIComponent(beforeConfirmation)}`);
    expect({ status: onNotice.body.status, decision: onNotice.body.decision }).toEqual({ status: 'in-public-notice', decision: undefined });
    const now = await audit.get<{ status: string; entitlement: { monthlyAmountFen: number }; issuedTotalFen: number; perCapitaMonthlyIncomeFen: number }>(
      `/cases/${applicationId}/state?asOf=${encodeURIComponent(new Date().toISOString())}`,
    );
    const entitlement = await api('payments', actors.payments).get<{ monthlyAmountFen: number; perCapitaCountedIncomeFen: number }>(
      `/entitlements/${applicationId}`,
    );
    expect(now.body.entitlement.monthlyAmountFen).toBe(entitlement.body.monthlyAmountFen);
    expect(now.body.perCapitaMonthlyIncomeFen).toBe(entitlement.body.perCapitaCountedIncomeFen);
    expect(now.body.issuedTotalFen).toBe(212_700);
  });

  it('rejects a household whose county data shows an undeclared car, and refers it, with consent, to a charity that helps', async () => {
    const village = `${township}002`;
    // Given a registered charity serving the township, and a car registered to a member who declared none
    const charity = { userId: `e2e-charity-${platform.runId}`.slice(0, 60), role: 'charity-organisation', orgUnit: township };
    const registered = await api('charity-referral', actors.admin).post('/organisations', {
      organisationId: charity.userId,
      name: '椒江区慈善总会',
      serviceRegions: [township],
      needs: ['money', 'visits', 'goods'],
    });
    expect(registered.status).toBe(201);
    const members = household([{ name: '张卫东', relation: 'applicant', birthDate: '1969-11-02', workAbility: 'partial' }]);
    const owner = members.members[0]?.residentId as string;
    await county.send(vehicleRegistrationV1, {
      messageId: County.messageId('gaj-vh'),
      residentId: owner,
      plateNumber: '浙J·8K231',
      vehicleType: '小型轿车',
      registeredOn: '2023-05-20',
    });

    // When the household applies declaring no vehicle
    const applicationId = await submit(application('dibao', village, members));

    // Then the economic check finds the undeclared car and the household ineligible
    const check = await county.published(economicCheckCompletedV1, (c) => c.applicationId === applicationId);
    expect(check.eligible).toBe(false);
    expect(check.ineligibilityReasons.map((r) => r.code)).toContain('undeclared-vehicle');

    // And the township recommends rejection and the county rejects, with that reason in a written notice
    await caseOpened(applicationId);
    expect(
      (
        await api('approval', actors.reviewer).post(`/cases/${applicationId}/review`, {
          recommendation: 'reject',
          reasons: [{ code: 'undeclared-vehicle', message: '核对发现家庭成员名下有未申报的机动车' }],
        })
      ).status,
    ).toBeLessThan(300);
    expect((await api('approval', actors.approver).post(`/cases/${applicationId}/rejection`, {})).status).toBeLessThan(300);
    const rejected = await county.published(caseRejectedV1, (c) => c.applicationId === applicationId);
    expect(rejected.reasons.map((r) => r.code)).toContain('undeclared-vehicle');
    expect(rejected.noticeText).toContain('行政复议');

    // And, with the household's consent, the charity is offered the referral, accepts and records help
    const charityApi = api('charity-referral', charity);
    let referralId = '';
    await eventually(
      async () => {
        const offered = await charityApi.get<{ items: { referralId: string; applicationId: string }[] }>('/referrals?status=offered');
        const mine = offered.body.items.find((r) => r.applicationId === applicationId);
        expect(mine).toBeDefined();
        referralId = mine?.referralId as string;
      },
      60_000,
      250,
    );
    expect((await charityApi.post(`/referrals/${referralId}/acceptance`)).status).toBeLessThan(300);
    expect((await charityApi.post(`/referrals/${referralId}/assistance`, { kind: 'money', amountFen: 50_000, description: '临时生活补助' })).status).toBe(201);
    expect((await charityApi.post(`/referrals/${referralId}/assistance`, { kind: 'service-visit', serviceKind: 'visits', date: '2026-03-03' })).status).toBe(
      201,
    );
    expect((await charityApi.post(`/referrals/${referralId}/closure`, { summary: '已发放临时生活补助并上门探访' })).status).toBeLessThan(300);
    const closed = await county.published(referralClosedV1, (r) => r.applicationId === applicationId);
    expect(closed).toMatchObject({ referralId });
  });

  it('pays a single-person extreme-poverty case, then stops the next payroll after public security reports the death', async () => {
    const village = `${township}003`;
    await setClocks('2026-04-06T09:00:00+08:00');
    // Given a person with no work ability and no income, approved for extreme-poverty support
    const members = household([{ name: '刘桂兰', relation: 'applicant', birthDate: '1941-02-14', workAbility: 'none' }]);
    const person = members.members[0]?.residentId as string;
    const applicationId = await submit(application('extreme-poverty', village, members, false));
    const check = await county.published(economicCheckCompletedV1, (c) => c.applicationId === applicationId);
    expect(check.eligible).toBe(true);
    await approve(applicationId);
    await setClocks('2026-04-14T10:00:00+08:00');
    await confirm(applicationId);

    // When May's payroll runs, the support standard 1,547.00 (1.3 × 1,190) is paid
    await eventually(async () => expect((await api('payments', actors.payments).get(`/entitlements/${applicationId}`)).status).toBe(200), 60_000, 250);
    await setClocks('2026-05-05T09:00:00+08:00');
    const may = await runPayroll(village, '2026-05');
    expect(may.instructions.filter((i) => i.applicationId === applicationId)).toEqual([expect.objectContaining({ amountFen: 154_700, amountYuan: '1547.00' })]);

    // And public security reports, on 21 May, the death on 20 May
    await setClocks('2026-05-21T09:00:00+08:00');
    await county.send(residentDeathV1, {
      messageId: County.messageId('gaj-death'),
      residentId: person,
      dateOfDeath: '2026-05-20',
      reportedAt: '2026-05-21T08:00:00+08:00',
    });
    await eventually(
      async () => {
        const entitlement = await api('payments', actors.payments).get<{ status: string; dateOfDeath: string | null }>(`/entitlements/${applicationId}`);
        expect(entitlement.body).toMatchObject({ status: 'stopped', dateOfDeath: '2026-05-20' });
      },
      60_000,
      250,
    );

    // Then June's payroll pays this person nothing
    await setClocks('2026-06-05T09:00:00+08:00');
    const june = await runPayroll(village, '2026-06');
    expect(june.instructions.filter((i) => i.applicationId === applicationId)).toEqual([]);
  });

  it('sends a case back when an objection to its public notice is sustained: a new check, review and notice, then approval', async () => {
    const village = `${township}004`;
    await setClocks('2026-06-08T09:00:00+08:00');
    // Given a household of two, one member earning 1,200.00 a month, checked eligible and put on notice from 8 to 14 June
    const members = household([
      { name: '陈志强', relation: 'applicant', birthDate: '1975-03-21', workAbility: 'partial', wageFen: 120_000 },
      { name: '林美华', relation: 'spouse', birthDate: '1977-08-09', workAbility: 'none' },
    ]);
    const applicationId = await submit(application('dibao', village, members));
    const first = await county.published(economicCheckCompletedV1, (c) => c.applicationId === applicationId);
    expect(first.eligible).toBe(true);
    await approve(applicationId);

    // When, during the notice, an objection is lodged and the township sustains it
    await setClocks('2026-06-10T10:00:00+08:00');
    const lodged = await api('approval', actors.intake).post<{ objectionId: string }>(`/cases/${applicationId}/objections`, {
      summary: '反映该户家庭成员另有收入未如实申报',
    });
    expect(lodged.status).toBe(201);
    const ruling = '经入户调查，异议反映情况部分属实，退回重新核对家庭经济状况';
    const resolved = await api('approval', actors.reviewer).post<CaseView>(`/cases/${applicationId}/objections/${lodged.body.objectionId}/resolution`, {
      sustained: true,
      note: ruling,
    });
    expect({ status: resolved.status, caseStatus: resolved.body.status }).toEqual({ status: 200, caseStatus: 'reinvestigation' });

    // Then approval publishes the send-back, and verification answers with a second check under a new checkId
    const sentBack = await county.published(caseSentBackForReinvestigationV1, (e) => e.applicationId === applicationId);
    expect(sentBack).toMatchObject({
      objectionId: lodged.body.objectionId,
      region: village,
      reason: ruling,
      sentBackBy: { userId: actors.reviewer.userId, role: 'township-reviewer' },
    });
    const second = await county.published(economicCheckCompletedV1, (c) => c.applicationId === applicationId && c.checkId !== first.checkId);
    expect(second).toMatchObject({ eligible: true, householdSize: 2, perCapitaMonthlyIncomeFen: first.perCapitaMonthlyIncomeFen });

    // And the case is back to awaiting review, on the new check
    await caseOpened(applicationId);
    expect((await api('approval', actors.reviewer).get<CaseView>(`/cases/${applicationId}`)).body.check?.checkId).toBe(second.checkId);

    // When the township reviews again and posts a new notice, from 10 to 16 June
    await approve(applicationId);

    // Then the first notice's end no longer counts: on 15 June the county still may not confirm
    await setClocks('2026-06-15T10:00:00+08:00');
    const early = await api('approval', actors.approver).post<{ code: string }>(`/cases/${applicationId}/confirmation`, { stillInHardship: false });
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'NOTICE_PERIOD_NOT_ENDED' });

    // But after the new notice ends it confirms, and case-approved is published on the second check's figures
    await setClocks('2026-06-17T10:00:00+08:00');
    await confirm(applicationId);
    const approved = await county.published(caseApprovedV1, (c) => c.applicationId === applicationId);
    expect(approved).toMatchObject({ benefitStartMonth: '2026-07', householdSize: 2, perCapitaMonthlyIncomeFen: second.perCapitaMonthlyIncomeFen });
  });

  it('keeps a resident on benefit out of a second case until the benefit ends (一人一保)', async () => {
    const village = `${township}005`;
    await setClocks('2026-07-01T09:00:00+08:00');
    // Given a household of two approved for dibao
    const members = household([
      { name: '黄永明', relation: 'applicant', birthDate: '1958-01-30', workAbility: 'partial', wageFen: 120_000 },
      { name: '吴兰芳', relation: 'spouse', birthDate: '1962-10-07', workAbility: 'none' },
    ]);
    const [head, spouse] = members.members.map((m) => m.residentId) as [string, string];
    const applicationId = await submit(application('dibao', village, members));
    expect((await county.published(economicCheckCompletedV1, (c) => c.applicationId === applicationId)).eligible).toBe(true);
    await approve(applicationId);
    await setClocks('2026-07-09T10:00:00+08:00');
    await confirm(applicationId);
    await eventually(async () => expect((await api('payments', actors.payments).get(`/entitlements/${applicationId}`)).status).toBe(200), 60_000, 250);

    // When the spouse is named in a new application of her own
    const alone = () => {
      const h = household([{ name: '吴兰芳', relation: 'applicant', birthDate: '1962-10-07', workAbility: 'none' }]);
      return application('dibao', village, { ...h, members: h.members.map((m) => ({ ...m, residentId: spouse })) });
    };
    // Then intake refuses it, naming her (masked) and the case whose benefit covers her
    await eventually(
      async () => {
        const refused = await api('intake', actors.intake).post<{ code: string; member: { residentIdMasked: string }; heldBy: { applicationId: string } }>(
          '/applications',
          alone(),
        );
        expect(refused.status).toBe(409);
        expect(refused.body).toMatchObject({
          code: 'RESIDENT_ALREADY_ON_BENEFIT',
          member: { residentIdMasked: `${spouse.slice(0, 6)}************` },
          heldBy: { applicationId },
        });
      },
      60_000,
      250,
    );

    // When public security reports the death of the head of the household: the entitlement stops from August
    await setClocks('2026-07-21T09:00:00+08:00');
    await county.send(residentDeathV1, {
      messageId: County.messageId('gaj-death'),
      residentId: head,
      dateOfDeath: '2026-07-20',
      reportedAt: '2026-07-21T08:00:00+08:00',
    });
    await eventually(
      async () => expect((await api('payments', actors.payments).get<{ status: string }>(`/entitlements/${applicationId}`)).body.status).toBe('stopped'),
      60_000,
      250,
    );

    // Then the spouse may apply again
    await eventually(async () => expect((await api('intake', actors.intake).post('/applications', alone())).status).toBe(201), 60_000, 250);
  });
});
