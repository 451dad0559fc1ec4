/**
 * The economic check's rules from real inputs, end to end over the separate services (REST and
 * Kafka only): support from a dibao-recipient supporter not counted; a county medical bill confirmed
 * by the investigator and deducted; a marginal household with a 单人保 member; an expenditure-type
 * household whose support waiver is filed. Taizhou, dibao standard 1,190.00 per person per month.
 * Each journey's rule trace is printed and kept in .infra/e2e/<run>/rule-traces.txt.
 */
import { economicCheckCompletedV1, largeMedicalBillV1 } from '@sa/contracts';
import { eventually } from '@sa/testing';
import { County } from '../harness/county';
import { application, household, residentId } from '../harness/households';
import { type RunningPlatform, startPlatform } from '../harness/platform';
import { actors, Journey, township } from './journey-kit';

interface CaseOfOne {
  programme: string;
  singlePersonOf?: { householdApplicationId: string; memberId: string; ground: string };
  members: { memberId: string; name: string }[];
  check: { checkId: string; eligible: boolean; householdSize: number; countedMonthlyIncomeFen: number; standardFen: number };
}

interface Member {
  residentId: string;
  name: string;
  relation: 'applicant' | 'spouse' | 'child' | 'parent';
  birthDate: string;
  disabilityGrade: 1 | 2 | 3 | 4 | null;
  seriousIllness: boolean;
  workAbility: 'full' | 'partial' | 'none';
  student?: boolean;
  declaredMonthlyIncomes: { kind: string; monthlyFen: number }[];
}

const member = (
  name: string,
  relation: 'applicant' | 'spouse' | 'child' | 'parent',
  birthDate: string,
  extra: Partial<Member> & { farmingFen?: number; wageFen?: number } = {},
): Member => {
  const { farmingFen, wageFen, ...rest } = extra;
  return {
    residentId: residentId(birthDate),
    name,
    relation,
    birthDate,
    disabilityGrade: null,
    seriousIllness: false,
    workAbility: 'none',
    declaredMonthlyIncomes: [...(farmingFen ? [{ kind: 'farming', monthlyFen: farmingFen }] : []), ...(wageFen ? [{ kind: 'wage', monthlyFen: wageFen }] : [])],
    ...rest,
  };
};

/** A dibao application of the village for this household (the harness's application, with our members and declarations). */
const dibao = (region: string, h: ReturnType<typeof withMembers>) => ({ ...application('dibao', region, household([])), household: h });

const withMembers = (members: Member[], extra: Record<string, unknown> = {}) => ({
  ...household([]),
  members,
  bankAccount: { ...household([]).bankAccount, accountHolder: members[0]?.name ?? '' },
  ...extra,
});

describe('the economic check from real inputs (separate services, REST and Kafka only)', () => {
  let platform: RunningPlatform;
  let county: County;
  let journey: Journey;

  beforeAll(async () => {
    platform = await startPlatform({ PAYROLL_DAY_OF_MONTH: '28' });
    county = new County(platform.topicPrefix);
    journey = new Journey(platform);
    await journey.setClocks('2026-03-02T09:00:00+08:00');
  }, 240_000);

  afterAll(async () => {
    await county?.close();
    await platform?.stop();
  });

  it('(1) does not count support from a son who is himself on dibao, and pays 2 × 1,190.00 − 300.01 = 2,079.99 exactly', async () => {
    const village = `${township}011`;
    // Given a son who lives alone, applies and is approved for dibao
    const son = member('周建军', 'applicant', '1975-02-14');
    const sonCase = await journey.submit(dibao(village, withMembers([son])));
    const sonCheck = await journey.completedCheck(sonCase);
    await journey.reviewAndNotice(sonCase, sonCheck.checkId);
    await journey.setClocks('2026-03-10T10:00:00+08:00');
    await journey.confirm(sonCase);
    expect((await journey.entitlement(sonCase)).monthlyAmountFen).toBe(119_000);
    // And verification has learnt from payments' events that he is on dibao
    await eventually(
      async () => {
        const res = await journey
          .api('verification', actors.investigator)
          .get<{ liveBenefit: { programme: string } | null }>(`/residents/${son.residentId}/benefit`);
        expect(res.body.liveBenefit).toMatchObject({ programme: 'dibao', source: 'platform-caseload' });
      },
      60_000,
      250,
    );

    // When his parents apply, declaring 300.01 of farming income and 800.00 a month of support from him
    const mother = member('周母', 'applicant', '1950-05-01', { farmingFen: 30_001 });
    const father = member('周父', 'spouse', '1948-08-09');
    const parents = withMembers([mother, father], {
      obligedSupporters: [
        { name: son.name, residentId: son.residentId, relation: 'child', supportsMemberResidentId: mother.residentId, monthlySupportFen: 80_000 },
      ],
    });
    const applicationId = await journey.submit(dibao(village, parents));

    // Then the support is left out, the trace naming the son's status and where it was learnt
    const check = await journey.completedCheck(applicationId);
    journey.printTrace('journey 1: support from a dibao-recipient supporter', check);
    const support = check.result?.ruleTrace.find((e) => e.item.startsWith('support payment'));
    expect(support).toMatchObject({ rule: 'support-from-low-income-supporter-excluded', counted: false, amountBeforeFen: 80_000 });
    expect(support?.parameters).toMatchObject({ supporterStatus: 'dibao', supporterStatusSource: 'platform-caseload' });
    expect(check.result).toMatchObject({ countedMonthlyIncomeFen: 30_001, perCapitaMonthlyIncomeFen: 15_001, monthlyGapFen: 207_999 });
    expect(check.result?.category?.category).toBe('dibao-eligible');

    // And once approved, payments grants and pays members × standard − counted income, to the fen
    // (per capita 150.01 × 2 would have paid 2,079.98)
    await journey.reviewAndNotice(applicationId, check.checkId);
    await journey.setClocks('2026-03-18T10:00:00+08:00');
    await journey.confirm(applicationId);
    expect(await journey.entitlement(applicationId)).toMatchObject({
      monthlyAmountFen: 207_999,
      monthlyAmountYuan: '2079.99',
      countedHouseholdIncomeFen: 30_001,
    });
    await journey.setClocks('2026-04-05T09:00:00+08:00');
    const payroll = await journey.payroll(village, '2026-04');
    expect(payroll.instructions.filter((i) => i.applicationId === applicationId)).toEqual([
      expect.objectContaining({ amountFen: 207_999, amountYuan: '2079.99' }),
    ]);
  });

  it('(2) lists a large medical bill from the county feed as a candidate; confirmed by the investigator, it is deducted and paid right', async () => {
    const village = `${township}012`;
    await journey.setClocks('2026-04-06T09:00:00+08:00');
    // Given a wage earner of 3,000.00 and a wife whose medical insurance reports 24,000.00 out of pocket
    const husband = member('吴国平', 'applicant', '1976-03-03', { workAbility: 'full', wageFen: 300_000 });
    const wife = member('郑美华', 'spouse', '1979-07-21', { seriousIllness: true });
    const applicationId = await journey.submit(dibao(village, withMembers([husband, wife])));
    const billId = County.messageId('yb-de');
    await county.send(largeMedicalBillV1, {
      messageId: billId,
      residentId: wife.residentId,
      outOfPocketFen: 2_400_000,
      periodFrom: '2025-04-01',
      periodTo: '2026-03-31',
    });
    await eventually(
      async () => {
        const records = await journey.api('verification', actors.investigator).get<{ largeMedicalBills: unknown[] }>(`/residents/${wife.residentId}/records`);
        expect(records.body.largeMedicalBills).toHaveLength(1);
      },
      60_000,
      250,
    );

    // When checked, 3,000 − 357 = 2,643.00 is not below 2,380.00, and the bill is listed, not deducted
    // (a bill that reached the register after the automatic round is taken in by the investigator's re-check)
    let first = await journey.completedCheck(applicationId);
    if (!first.result?.rigidExpenditureCandidates?.some((c) => c.sourceMessageId === billId)) {
      const again = await journey
        .api('verification', actors.investigator)
        .post<{ checkId: string }>(`/checks/${applicationId}/recheck`, { reason: '医保大额医疗费用数据已到' });
      first = await journey.completedCheck(applicationId, again.body.checkId);
    }
    journey.printTrace('journey 2, first round: the county bill is a candidate', first);
    expect(first.outcome).toBe('ineligible');
    expect(first.result?.rigidExpenditureCandidates).toEqual(
      expect.arrayContaining([expect.objectContaining({ sourceMessageId: billId, what: 'large-medical-bill', amountFen: 2_400_000 })]),
    );

    // And the investigator confirms it after the visit, spread over 12 months from April
    const recorded = await journey.api('verification', actors.investigator).post<{ checkId: string; outcome: string }>(`/checks/${applicationId}/findings`, {
      finding: { kind: 'county-candidate-confirmed', sourceMessageId: billId, fromMonth: '2026-04', months: 12 },
      reason: '入户核实：妻子长期住院治疗，自付医疗费属实',
      evidenceReference: '入户调查表 JJ-2026-0412; 医保结算单',
    });
    expect(recorded.status).toBe(200);

    // Then the new round deducts 2,000.00 a month: 643.00 counted, expenditure-type hardship, gap 1,737.00
    const second = await journey.completedCheck(applicationId, recorded.body.checkId);
    journey.printTrace('journey 2, after the investigator confirmed the bill', second);
    expect(second.result?.ruleTrace.find((e) => e.rule === 'rigid-expenditure-deducted')).toMatchObject({
      amountAfterFen: -200_000,
      parameters: expect.objectContaining({ recordedBy: 'county-data-confirmed' }),
    });
    expect(second.result).toMatchObject({
      countedMonthlyIncomeFen: 64_300,
      monthlyGapFen: 173_700,
      category: expect.objectContaining({ category: 'expenditure-type-hardship' }),
    });
    expect(second.rounds.at(-1)).toMatchObject({ trigger: 'investigator', requestedBy: expect.objectContaining({ userId: 'zhou.qiang' }) });

    // And it is approved and paid 1,737.00
    await journey.reviewAndNotice(applicationId, second.checkId);
    await journey.setClocks('2026-04-14T10:00:00+08:00');
    await journey.confirm(applicationId);
    expect(await journey.entitlement(applicationId)).toMatchObject({ monthlyAmountFen: 173_700, countedHouseholdIncomeFen: 64_300 });
    await journey.setClocks('2026-05-05T09:00:00+08:00');
    const payroll = await journey.payroll(village, '2026-05');
    expect(payroll.instructions.filter((i) => i.applicationId === applicationId)).toEqual([
      expect.objectContaining({ amountFen: 173_700, amountYuan: '1737.00' }),
    ]);
  });

  it('(4) an expenditure-type household: the filed waiver removes the support line and the gap after rigid spending is paid', async () => {
    const village = `${township}014`;
    await journey.setClocks('2026-05-06T09:00:00+08:00');
    // Given farming 2,500.00, a daughter elsewhere paying 600.00, medical spending of 500.00 a month and a waiver request
    const farmer = member('孙立新', 'applicant', '1965-12-12', { workAbility: 'partial', farmingFen: 250_000 });
    const wife = member('钱桂兰', 'spouse', '1967-04-04', { seriousIllness: true });
    const daughter = residentId('1990-06-06');
    const h = withMembers([farmer, wife], {
      rigidExpenditures: [
        {
          memberResidentId: wife.residentId,
          kind: 'medical',
          monthlyFen: 50_000,
          fromMonth: '2026-05',
          months: 12,
          evidenceReference: '门诊慢特病费用清单 2026-05',
        },
      ],
      obligedSupporters: [{ name: '孙小红', residentId: daughter, relation: 'child', supportsMemberResidentId: farmer.residentId, monthlySupportFen: 60_000 }],
      supportWaiverRequest: { reason: '妻子慢性病长期用药，家庭支出大' },
    });
    const applicationId = await journey.submit(dibao(village, h));

    // When first checked, the waiver is only requested: support counted, 3,100 − 500 = 2,600.00, not below 2,380.00
    const first = await journey.completedCheck(applicationId);
    journey.printTrace('journey 4, first round: waiver requested, not filed', first);
    expect(first.result).toMatchObject({ countedMonthlyIncomeFen: 260_000, category: expect.objectContaining({ category: 'marginal' }) });

    // And the investigator records the township's filing of the waiver (民主评议、乡镇审核备案)
    const recorded = await journey.api('verification', actors.investigator).post<{ checkId: string }>(`/checks/${applicationId}/findings`, {
      finding: { kind: 'support-waiver-granted', waiver: { ground: 'expenditure-type-hardship', reference: '椒江区某镇备案〔2026〕14号' } },
      reason: '村民委员会民主评议通过，乡镇审核备案',
      evidenceReference: '民主评议记录 2026-05-07; 备案表',
    });
    expect(recorded.status).toBe(200);

    // Then the support line is waived: 2,500 − 500 = 2,000.00, expenditure-type hardship, gap 380.00
    const second = await journey.completedCheck(applicationId, recorded.body.checkId);
    journey.printTrace('journey 4, after the waiver was filed', second);
    expect(second.result?.ruleTrace.find((e) => e.item.startsWith('support payment'))).toMatchObject({ rule: 'support-payment-waived', counted: false });
    expect(second.result).toMatchObject({
      countedMonthlyIncomeFen: 200_000,
      monthlyGapFen: 38_000,
      category: expect.objectContaining({ category: 'expenditure-type-hardship' }),
    });

    await journey.reviewAndNotice(applicationId, second.checkId);
    await journey.setClocks('2026-05-14T10:00:00+08:00');
    await journey.confirm(applicationId);
    expect(await journey.entitlement(applicationId)).toMatchObject({ monthlyAmountFen: 38_000, monthlyAmountYuan: '380.00' });
    await journey.setClocks('2026-06-05T09:00:00+08:00');
    const payroll = await journey.payroll(village, '2026-06');
    expect(payroll.instructions.filter((i) => i.applicationId === applicationId)).toEqual([
      expect.objectContaining({ amountFen: 38_000, amountYuan: '380.00' }),
    ]);
  });
  it('(3) identifies a marginal household (低保边缘), covers its grade-1 disabled grandmother as 单人保, decides her own case and pays her alone', async () => {
    const village = `${township}013`;
    await journey.setClocks('2026-06-06T09:00:00+08:00');
    // Given a household of three: wage 4,500.00, a grandmother with a grade-1 disability and no income
    const father = member('冯志强', 'applicant', '1982-01-15', { workAbility: 'full', wageFen: 450_000 });
    const grandmother = member('冯奶奶', 'parent', '1944-10-30', { disabilityGrade: 1 });
    const child = member('冯小雨', 'child', '2014-09-01', { student: true });
    const applicationId = await journey.submit(dibao(village, withMembers([father, grandmother, child])));

    // Then 4,500 − 357 = 4,143.00 counted: above 3 × 1,190 = 3,570 and below 1.5 × it: marginal, not a dibao household
    const check = await journey.completedCheck(applicationId);
    journey.printTrace('journey 3: marginal household, 单人保', check);
    expect(check.outcome).toBe('ineligible');
    expect(check.result).toMatchObject({ countedMonthlyIncomeFen: 414_300, category: expect.objectContaining({ category: 'marginal' }) });
    // And the grandmother is covered as a household of one at the full standard (she has no income)
    const published = await county.published(economicCheckCompletedV1, (c) => c.applicationId === applicationId);
    const grandmotherId = check.result?.singlePersonCoverage?.[0]?.memberId as string;
    expect(published.category?.category).toBe('marginal');
    expect(published.singlePersonCoverage).toEqual([
      { memberId: grandmotherId, ground: 'severe-disability', memberCountedIncomeFen: 0, monthlyGapFen: 119_000 },
    ]);
    expect(published.pointsAssessment).toMatchObject({ score: expect.any(Number) });

    // When approval has opened her own case from the household's check (a household of one, her income only)
    const reviewer = journey.api('approval', actors.reviewer);
    const singleCaseId = await journey.singlePersonCase(applicationId, grandmotherId);
    const single = await reviewer.get<CaseOfOne>(`/cases/${singleCaseId}`);
    expect(single.body).toMatchObject({
      programme: 'dibao',
      singlePersonOf: { householdApplicationId: applicationId, memberId: grandmotherId, ground: 'severe-disability' },
      members: [expect.objectContaining({ memberId: grandmotherId, name: '冯奶奶' })],
      check: { checkId: check.checkId, eligible: true, householdSize: 1, countedMonthlyIncomeFen: 0, standardFen: 119_000 },
    });
    // And the household's own case is rejected on the check (marginal), while hers is reviewed and noticed like any case
    const householdReview = await reviewer.post(`/cases/${applicationId}/review`, { recommendation: 'reject', reasons: [] });
    expect(householdReview.status).toBeLessThan(300);
    await journey.reviewAndNotice(singleCaseId, check.checkId);
    await journey.setClocks('2026-06-14T10:00:00+08:00');
    // (segregation of duties holds as for a household: the reviewer may not confirm her case)
    const byReviewer = await reviewer.post(`/cases/${singleCaseId}/confirmation`, { stillInHardship: false });
    expect(byReviewer.status).toBe(403);
    await journey.confirm(singleCaseId);

    // Then payments grants her alone the gap the check computed, 1 × 1,190.00 − 0 = 1,190.00
    expect(await journey.entitlement(singleCaseId)).toMatchObject({ monthlyAmountFen: 119_000, monthlyAmountYuan: '1190.00', countedHouseholdIncomeFen: 0 });
    const householdEntitlement = await journey.api('payments', actors.payments).get(`/entitlements/${applicationId}`);
    expect(householdEntitlement.status).toBe(404);
    // And verification's caseload learns that she alone is on dibao (her son is not), from payments' grant
    const investigator = journey.api('verification', actors.investigator);
    await eventually(
      async () => {
        const res = await investigator.get<{ liveBenefit: unknown }>(`/residents/${grandmother.residentId}/benefit`);
        expect(res.body.liveBenefit).toMatchObject({ programme: 'dibao', applicationId: singleCaseId, source: 'platform-caseload' });
      },
      60_000,
      250,
    );
    expect((await investigator.get<{ liveBenefit: unknown }>(`/residents/${father.residentId}/benefit`)).body.liveBenefit).toBeNull();
    // And the July payroll of the village pays her once, and the bank file says so
    await journey.setClocks('2026-07-05T09:00:00+08:00');
    const payroll = await journey.payroll(village, '2026-07');
    expect(payroll.instructions).toEqual([expect.objectContaining({ applicationId: singleCaseId, amountFen: 119_000, amountYuan: '1190.00' })]);
    const file = await journey.api('payments', actors.payments).get<string>(`/payrolls/${payroll.payrollId}/disbursement-file`);
    expect(file.status).toBe(200);
    const paid = file.body.split('\n').filter((line) => line.includes('1190.00'));
    journey.print(`journey 3: July payroll ${payroll.payrollId} of ${village}, bank file lines paying 1190.00:\n  ${paid.join('\n  ')}`);
    expect(paid.length).toBeGreaterThanOrEqual(1);
  });
});
