/**
 * Temporary assistance (临时救助) end to end: intake, approval and payments as separate processes on
 * the real Kafka, PostgreSQL and FerretDB, driven through their REST APIs, clocks moved together.
 * Taizhou policy (config/regional-policies.yaml, taizhou-2025): standard 1,190.00; a township
 * approves up to 3,000.00; an urgent advance is at most 1,000.00; documents due in 5 working days.
 */
import { eventually } from '@sa/testing';
import { randomUUID } from 'node:crypto';
import { Api, type ActorSpec, clockOperator } from './harness/api';
import { application, household } from './harness/households';
import { type RunningPlatform, startPlatform } from './harness/platform';
import { type CaseAnswer, type DecisionAnswer, henanResidentId, type StageRun, temporaryCaseRequest } from './harness/temporary-cases';

const county = '331002';
const township = '331002001';
const actors = {
  intake: { userId: 'li.na', role: 'intake-worker', orgUnit: township },
  reviewer: { userId: 'zhao.lei', role: 'township-reviewer', orgUnit: township },
  approver: { userId: 'chen.jing', role: 'county-approver', orgUnit: county },
  payments: { userId: 'sun.hui', role: 'payments-officer', orgUnit: county },
} satisfies Record<string, ActorSpec>;

describe('temporary assistance across intake, approval and payments (separate processes)', () => {
  let platform: RunningPlatform;
  const api = (service: string, actor: ActorSpec) => new Api(platform.urls[service] as string, actor);

  async function setClocks(instant: string): Promise<void> {
    for (const url of Object.values(platform.urls)) expect((await new Api(url, clockOperator).put('/admin/clock', { now: instant })).status).toBe(200);
  }

  async function apply(body: Record<string, unknown>, village = `${township}005`): Promise<string> {
    const worker = { ...actors.intake, orgUnit: village.slice(0, 9) };
    const res = await api('intake', worker).post<CaseAnswer>('/temporary-assistance', temporaryCaseRequest(village, body));
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  async function allocate(fundTownship: string, amountFen: number): Promise<void> {
    const res = await api('payments', actors.payments).post(`/reserve-funds/${fundTownship}/allocations`, { allocationId: randomUUID(), amountFen });
    expect(res.status).toBe(201);
  }

  const decision = (caseId: string) => api('approval', actors.reviewer).get<DecisionAnswer>(`/temporary-cases/${caseId}`);
  const temporaryCase = (caseId: string) => api('intake', actors.intake).get<CaseAnswer>(`/temporary-assistance/${caseId}`);

  beforeAll(async () => {
    platform = await startPlatform({ PAYROLL_DAY_OF_MONTH: '28' });
    await setClocks('2026-03-02T09:00:00+08:00');
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses a draw beyond the township fund’s balance, naming the balance, and one for a case intake never took there', async () => {
    const poorTownship = '331002007';
    await allocate(poorTownship, 50_000);
    const caseId = await apply({}, `${poorTownship}001`);
    const reviewer = { ...actors.reviewer, orgUnit: poorTownship };
    const res = await api('payments', reviewer).post<{ code: string; message: string }>(`/reserve-funds/${poorTownship}/draws`, {
      caseId,
      amountFen: 80_000,
      method: 'cash',
      payee: { name: '李明' },
    });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'INSUFFICIENT_RESERVE_FUND' });
    expect(res.body.message).toContain('holds 500.00 CNY');
    expect((await api('payments', reviewer).get<{ balanceFen: number }>(`/reserve-funds/${poorTownship}`)).body.balanceFen).toBe(50_000);
    const draw = (id: string) =>
      api('payments', reviewer).post<{ code: string }>(`/reserve-funds/${poorTownship}/draws`, {
        caseId: id,
        amountFen: 10_000,
        method: 'cash',
        payee: { name: '李明' },
      });
    const invented = await draw(randomUUID());
    expect({ status: invented.status, code: invented.body.code }).toEqual({ status: 404, code: 'CASE_NOT_FOUND' });
    const elsewhere = await draw(await apply({}));
    expect({ status: elsewhere.status, code: elsewhere.body.code }).toEqual({ status: 409, code: 'CASE_OF_ANOTHER_TOWNSHIP' });
  });

  it('sends an expenditure-type case over the township limit to the county; a small one the township approves itself', async () => {
    const medical = { category: 'expenditure', circumstance: 'medical', severity: 'critical', amountAskedFen: 800_000, charityReferralConsent: true };
    const caseId = await apply(medical);
    await eventually(async () => expect((await decision(caseId)).body.status).toBe('awaiting-township'), 60_000, 250);
    const body = { totalFen: 500_000, stages: [{ dueDate: '2026-03-05', amountFen: 500_000 }], reasons: '大病住院自付费用超出家庭承受能力' };
    const review = await api('approval', actors.reviewer).post<DecisionAnswer>(`/temporary-cases/${caseId}/approval`, body);
    expect({ status: review.status, decision: review.body.status }).toEqual({ status: 200, decision: 'awaiting-county' });
    const again = await api('approval', actors.reviewer).post<{ code: string }>(`/temporary-cases/${caseId}/approval`, body);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CASE_ALREADY_WITH_COUNTY' });
    const confirmed = await api('approval', actors.approver).post<DecisionAnswer>(`/temporary-cases/${caseId}/approval`, { ...body, stillInHardship: true });
    expect({ status: confirmed.status, decision: confirmed.body.status }).toEqual({ status: 200, decision: 'approved' });
    // Still in hardship, and the person consented: charity referral opens a referral for the case (慈善转介).
    await eventually(
      async () => {
        const referrals = await api('charity-referral', actors.approver).get<{ items: { applicationId: string }[] }>(`/referrals?applicationId=${caseId}`);
        expect(referrals.body.items.map((r) => r.applicationId)).toEqual([caseId]);
      },
      60_000,
      250,
    );

    const small = await apply({ ...medical, severity: 'ordinary', amountAskedFen: 200_000 });
    await eventually(async () => expect((await decision(small)).body.status).toBe('awaiting-township'), 60_000, 250);
    const byTownship = await api('approval', actors.reviewer).post<DecisionAnswer>(`/temporary-cases/${small}/approval`, {
      totalFen: 200_000,
      stages: [{ dueDate: '2026-03-03', amountFen: 200_000 }],
      reasons: '门诊费用',
    });
    expect({ status: byTownship.status, decision: byTownship.body.status }).toEqual({ status: 200, decision: 'approved' });
  });

  it('flags an urgent case whose documents never come, the first day after the working-day deadline', async () => {
    await allocate(township, 200_000);
    const caseId = await apply({ circumstance: 'fire', description: '出租屋火灾，财物尽毁' });
    const draw = await api('payments', actors.reviewer).post(`/reserve-funds/${township}/draws`, {
      caseId,
      amountFen: 50_000,
      method: 'cash',
      payee: { name: '李明' },
    });
    expect(draw.status).toBe(201);
    // Paid Monday 2 March: five working days → due Monday 9 March.
    await eventually(async () => expect((await temporaryCase(caseId)).body.urgentPayment?.documentsDueBy).toBe('2026-03-09'), 60_000, 250);
    const runJob = () => api('intake', actors.approver).post('/admin/jobs/temporary-documents-overdue/run', {});
    await setClocks('2026-03-09T18:00:00+08:00');
    expect((await runJob()).status).toBeLessThan(300);
    expect((await temporaryCase(caseId)).body.documentsOverdue).toBe(false);
    await setClocks('2026-03-10T09:00:00+08:00');
    await eventually(
      async () => {
        expect((await runJob()).status).toBeLessThan(300);
        expect((await temporaryCase(caseId)).body.documentsOverdue).toBe(true);
      },
      60_000,
      500,
    );
  });

  it('pays a non-resident injured in an accident a small amount the same day from the township fund; documents follow; the county approves the rest in two stages', async () => {
    await setClocks('2026-03-16T09:00:00+08:00');
    await allocate(township, 1_000_000);
    const before = (await api('payments', actors.reviewer).get<{ balanceFen: number }>(`/reserve-funds/${township}`)).body.balanceFen;
    const caseId = await apply({ emergencyDate: '2026-03-15' });

    // The same day: 800.00 in cash from the township's reserve fund (小金额先行救助).
    const drawBody = { caseId, amountFen: 80_000, method: 'cash', payee: { name: '李明' } };
    const draw = await api('payments', actors.reviewer).post<{ balanceFen: number }>(`/reserve-funds/${township}/draws`, drawBody);
    expect({ status: draw.status, balance: draw.body.balanceFen }).toEqual({ status: 201, balance: before - 80_000 });
    const again = await api('payments', actors.reviewer).post<{ code: string }>(`/reserve-funds/${township}/draws`, drawBody);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'DRAW_ALREADY_RECORDED' });
    await eventually(
      async () =>
        expect((await temporaryCase(caseId)).body.urgentPayment).toEqual({ drawId: `urgent-${caseId}`, amountFen: 80_000, documentsDueBy: '2026-03-23' }),
      60_000,
      250,
    );
    await eventually(async () => expect((await decision(caseId)).body.urgentAdvanceFen).toBe(80_000), 60_000, 250);

    // Documents follow the next day.
    await setClocks('2026-03-17T10:00:00+08:00');
    const docs = await api('intake', actors.intake).post<CaseAnswer>(`/temporary-assistance/${caseId}/documents`, {
      documents: ['交通事故认定书', '医院诊断证明'],
    });
    expect({ status: docs.status, received: docs.body.documentsReceived }).toEqual({ status: 200, received: true });

    // 6,000.00 in all: above the township's 3,000.00, so its approval is its review and the county decides.
    const body = {
      totalFen: 600_000,
      stages: [
        { dueDate: '2026-03-17', amountFen: 260_000 },
        { dueDate: '2026-04-17', amountFen: 260_000 },
      ],
      reasons: '交通事故致骨折，住院及后续治疗费用约6000元，无工伤保险',
    };
    expect((await api('approval', actors.reviewer).post<DecisionAnswer>(`/temporary-cases/${caseId}/approval`, body)).body.status).toBe('awaiting-county');
    const approved = await api('approval', actors.approver).post<DecisionAnswer>(`/temporary-cases/${caseId}/approval`, body);
    expect({ status: approved.status, decision: approved.body.status }).toEqual({ status: 200, decision: 'approved' });

    // Stage 1 today, once, in a bank file of payroll's format; the bank's result settles it.
    const payments = api('payments', actors.payments);
    const issued: StageRun['instructions'] = [];
    let runId = '';
    await eventually(
      async () => {
        const run = await payments.post<StageRun>('/temporary-stage-runs', { region: county });
        expect(run.status).toBe(200);
        runId = run.body.runId;
        issued.push(...run.body.instructions.filter((i) => i.caseId === caseId));
        expect(issued.map((i) => [i.stageNo, i.amountFen])).toEqual([[1, 260_000]]);
      },
      60_000,
      500,
    );
    expect((await payments.post<StageRun>('/temporary-stage-runs', { region: county })).body.instructions.filter((i) => i.caseId === caseId)).toEqual([]);
    const instructionId = issued[0]?.instructionId as string;
    await eventually(
      async () => {
        const file = await payments.get<string>(`/temporary-stage-runs/${runId}/disbursement-file`);
        expect(file.body).toContain(`${instructionId},李明,6222000012345678,2600.00,临时救助`);
      },
      60_000,
      250,
    );
    const resultFile = [
      'instructionId,result,amountYuan,reasonCode,reasonText,settledAt',
      `${instructionId},paid,2600.00,,,2026-03-17T15:00:00+08:00`,
      'TOTAL,1,260000',
      '',
    ].join('\r\n');
    const results = await payments.post<{ paid: number }>(`/temporary-stage-runs/${runId}/bank-results`, { resultFile });
    expect({ status: results.status, paid: results.body.paid }).toEqual({ status: 200, paid: 1 });

    // Stage 2 a month later.
    await setClocks('2026-04-17T09:00:00+08:00');
    const later = await payments.post<StageRun>('/temporary-stage-runs', { region: county });
    expect(later.body.instructions.filter((i) => i.caseId === caseId).map((i) => [i.stageNo, i.amountFen])).toEqual([[2, 260_000]]);
    expect((await temporaryCase(caseId)).body.documentsOverdue).toBe(false);
    // The bank refuses stage 2 (account closed); the account is corrected and the next run pays stage 2 again, to it, once.
    const refusedId = later.body.instructions.find((i) => i.caseId === caseId)?.instructionId as string;
    const refusal = [
      'instructionId,result,amountYuan,reasonCode,reasonText,settledAt',
      `${refusedId},failed,2600.00,R03,账户已销户,2026-04-17T16:00:00+08:00`,
      'TOTAL,1,260000',
      '',
    ];
    const recordRefusal = () =>
      payments.post<{ failed: number; alreadyRecorded: number }>(`/temporary-stage-runs/${later.body.runId}/bank-results`, {
        resultFile: refusal.join('\r\n'),
      });
    await eventually(async () => expect((await recordRefusal()).status).toBe(200), 30_000, 250); // once the run's stages are in the read model
    expect((await recordRefusal()).body).toMatchObject({ failed: 0, alreadyRecorded: 1 });
    const correction = { accountHolder: '李明', accountNumber: '6217000098765432', reason: '原账户已销户，本人提供新账户' };
    await eventually(
      async () =>
        expect((await payments.post<{ reissuedStageNos: number[] }>(`/temporary-stages/${caseId}/payee-correction`, correction)).body.reissuedStageNos).toEqual(
          [2],
        ),
      30_000,
      250,
    );
    await setClocks('2026-04-20T09:00:00+08:00');
    const reissued = await eventually(
      async () => {
        const run = await payments.post<StageRun>('/temporary-stage-runs', { region: county });
        const mine = run.body.instructions.filter((i) => i.caseId === caseId);
        expect(mine.map((i) => [i.stageNo, i.amountFen, i.instructionId === refusedId])).toEqual([[2, 260_000, false]]);
        return run.body;
      },
      30_000,
      500,
    );
    await eventually(
      async () =>
        expect((await payments.get<string>(`/temporary-stage-runs/${reissued.runId}/disbursement-file`)).body).toContain('李明,6217000098765432,2600.00'),
      30_000,
      250,
    );
    expect((await payments.post<StageRun>('/temporary-stage-runs', { region: county })).body.instructions.filter((i) => i.caseId === caseId)).toEqual([]);

    // An auditor replays the temporary case like any other: every service's events, who did what, the chain intact.
    const auditor = { userId: 'ma.jun', role: 'auditor', orgUnit: county };
    await eventually(
      async () => {
        const history = await api('audit', auditor).get<{
          timeline: { source: string; type: string; actor: { userId: string } }[];
          integrity: { ok: boolean };
        }>(`/cases/${caseId}/history`);
        expect(history.status).toBe(200);
        expect(history.body.integrity.ok).toBe(true);
        const types = history.body.timeline.map((e) => `${e.source}:${e.type}:${e.actor.userId}`);
        expect(types).toEqual(
          expect.arrayContaining([
            'intake:TemporaryAssistanceApplied:li.na',
            'payments:ReserveFundDrawn:zhao.lei',
            'approval:TemporaryCaseReferredToCounty:zhao.lei',
            'approval:TemporaryAssistanceApproved:chen.jing',
            'payments:StagePaid:sun.hui',
            'payments:StagePayeeCorrected:sun.hui',
          ]),
        );
        expect(types.filter((t) => t.startsWith('payments:StageInstructionIssued'))).toHaveLength(3);
      },
      60_000,
      500,
    );
  });

  it('converts a temporary case into a dibao application when the need lasts', async () => {
    const village = `${township}006`;
    const caseId = await apply({ applicant: { name: '陈国强' } }, village);
    const members = household([{ name: '陈国强', relation: 'applicant', birthDate: '1970-02-11', workAbility: 'none' }]);
    const converted = await api('intake', actors.intake).post<{ applicationId: string }>(`/temporary-assistance/${caseId}/conversion`, {
      ...application('dibao', village, members),
      reason: '伤残后丧失劳动能力，家庭无其他收入',
    });
    expect(converted.status).toBe(201);
    const dibao = await api('intake', actors.intake).get<{ status: string; application: { programme: string } }>(
      `/applications/${converted.body.applicationId}`,
    );
    expect({ status: dibao.status, programme: dibao.body.application.programme }).toEqual({ status: 200, programme: 'dibao' });
    expect((await temporaryCase(caseId)).body.convertedTo).toBe(converted.body.applicationId);
    const twice = await api('intake', actors.intake).post(`/temporary-assistance/${caseId}/conversion`, {
      ...application('dibao', village, members),
      reason: 'again',
    });
    expect(twice.status).toBe(409);
  });

  it("never lets two approvals for one household at the same moment pass its yearly cap (14,280.00): one is refused, the household's remaining room can still be approved", async () => {
    await setClocks('2026-05-11T09:00:00+08:00');
    const applicant = {
      name: '王芳',
      residentId: henanResidentId(),
      hukouRegion: '410783',
      bankAccount: { accountHolder: '王芳', accountNumber: '6222000087654321' },
    };
    const critical = { severity: 'critical', amountAskedFen: 800_000, applicant };
    const cases = [await apply({ ...critical, circumstance: 'fire' }), await apply({ ...critical, circumstance: 'sudden-serious-illness' })];
    const body = (totalFen: number) => ({ totalFen, stages: [{ dueDate: '2026-05-12', amountFen: totalFen }], reasons: '重大火灾与突发重病，家庭无力承担' });
    for (const caseId of cases) {
      await eventually(async () => expect((await decision(caseId)).body.status).toBe('awaiting-township'), 60_000, 250);
      expect((await api('approval', actors.reviewer).post<DecisionAnswer>(`/temporary-cases/${caseId}/approval`, body(800_000))).body.status).toBe(
        'awaiting-county',
      );
    }
    // Two county approvers approve the two cases at once: 8,000.00 each, 16,000.00 together.
    const approvals = await Promise.all(
      cases.map((caseId, i) =>
        api('approval', { ...actors.approver, userId: `county.${i}` }).post<{ status: string; code?: string }>(
          `/temporary-cases/${caseId}/approval`,
          body(800_000),
        ),
      ),
    );
    const outcomes = approvals.map((a) => `${a.status} ${a.body.code ?? a.body.status}`).sort();
    expect(outcomes).toEqual(['200 approved', '422 YEARLY_CAP_EXCEEDED']);
    const refused = cases[approvals.findIndex((a) => a.status === 422)] as string;
    const within = await api('approval', actors.approver).post<DecisionAnswer>(`/temporary-cases/${refused}/approval`, body(628_000));
    expect({ status: within.status, decision: within.body.status }).toEqual({ status: 200, decision: 'approved' });
  });
});
