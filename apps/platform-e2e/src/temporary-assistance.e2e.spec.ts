/**
 * Temporary assistance (临时救助) end to end: intake, approval and payments as separate processes on
 * the real Kafka, PostgreSQL and FerretDB, driven through their REST APIs, clocks moved together.
 * Taizhou policy (config/regional-policies.yaml, taizhou-2025): standard 1,190.00; a township
 * approves up to 3,000.00; an urgent advance is at most 1,000.00; documents due in 5 working days.
 */
import { checkCharacter } from '@sa/domain-shared';
import { eventually } from '@sa/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { Api, type ActorSpec } from './harness/api';
import { application, household } from './harness/households';
import { type RunningPlatform, startPlatform } from './harness/platform';

const county = '331002';
const township = '331002001';
const actors = {
  intake: { userId: 'li.na', role: 'intake-worker', orgUnit: township },
  reviewer: { userId: 'zhao.lei', role: 'township-reviewer', orgUnit: township },
  approver: { userId: 'chen.jing', role: 'county-approver', orgUnit: county },
  payments: { userId: 'sun.hui', role: 'payments-officer', orgUnit: county },
} satisfies Record<string, ActorSpec>;

/** A non-resident: hukou in Changyuan, Henan (410783), far from where the emergency happened. */
function henanResidentId(): string {
  const first17 = `41078319850615${String(randomInt(100, 999))}`;
  return first17 + checkCharacter(first17);
}

interface CaseAnswer {
  caseId: string;
  urgentPayment?: { amountFen: number; documentsDueBy: string };
  documentsReceived: boolean;
  documentsOverdue: boolean;
  convertedTo?: string;
}
interface DecisionAnswer {
  status: string;
  urgentAdvanceFen: number;
}
interface StageRun {
  runId: string;
  issued: number;
  instructions: { caseId: string; stageNo: number; instructionId: string; amountFen: number }[];
}

describe('temporary assistance across intake, approval and payments (separate processes)', () => {
  let platform: RunningPlatform;
  const api = (service: string, actor: ActorSpec) => new Api(platform.urls[service] as string, actor);

  async function setClocks(instant: string): Promise<void> {
    for (const url of Object.values(platform.urls)) expect((await new Api(url).put('/admin/clock', { now: instant })).status).toBe(200);
  }

  async function apply(body: Record<string, unknown>, village = `${township}005`): Promise<string> {
    const worker = { ...actors.intake, orgUnit: village.slice(0, 9) };
    const res = await api('intake', worker).post<CaseAnswer>('/temporary-assistance', {
      category: 'emergency',
      circumstance: 'accident',
      severity: 'serious',
      description: '外地务工人员在工地受伤，无力支付急诊费用',
      emergencyLocation: village,
      emergencyDate: '2026-03-02',
      applicant: {
        name: '李明',
        residentId: henanResidentId(),
        hukouRegion: '410783',
        bankAccount: { accountHolder: '李明', accountNumber: '6222000012345678' },
      },
      householdSize: 3,
      amountAskedFen: 600_000,
      channel: 'worker',
      ...body,
    });
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

  it('refuses a draw beyond the township fund’s balance, naming the balance', async () => {
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
  });
});
