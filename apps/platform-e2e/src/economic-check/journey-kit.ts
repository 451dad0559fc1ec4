/**
 * Steps the economic-check journeys share, over REST only (the services are separate processes):
 * clocks, submission, township review and notice, county confirmation, payroll, and the rule trace
 * of a check printed as an investigator reads it (and written beside the run's logs).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@sa/testing';
import { Api, type ActorSpec, clockOperator } from '../harness/api';
import type { RunningPlatform } from '../harness/platform';

export const township = '331002001';
export const actors = {
  intake: { userId: 'li.na', role: 'intake-worker', orgUnit: township },
  investigator: { userId: 'zhou.qiang', role: 'investigator', orgUnit: township },
  reviewer: { userId: 'zhao.lei', role: 'township-reviewer', orgUnit: township },
  approver: { userId: 'chen.jing', role: 'county-approver', orgUnit: '331002' },
  payments: { userId: 'sun.hui', role: 'payments-officer', orgUnit: '331002' },
} satisfies Record<string, ActorSpec>;

export interface TraceEntry {
  rule: string;
  item: string;
  memberId: string | null;
  amountBeforeFen: number;
  amountAfterFen: number;
  counted: boolean;
  parameters: Record<string, unknown>;
}

export interface CheckDetail {
  status: string;
  checkId: string;
  outcome?: string;
  result?: {
    countedMonthlyIncomeFen: number;
    perCapitaMonthlyIncomeFen: number;
    monthlyGapFen: number;
    householdSize: number;
    category?: { category: string; reason: string; source?: string };
    singlePersonCoverage?: { memberId: string; ground: string; monthlyGapFen: number }[];
    pointsAssessment?: { score: number; referenceScore: number; lines: { criterion: string; points: number }[] };
    rigidExpenditureCandidates?: { sourceMessageId: string; memberId: string; amountFen: number | null; what: string }[];
    ruleTrace: TraceEntry[];
  };
  rounds: { checkId: string; trigger: string; reason?: string; requestedBy: { userId: string; role: string } }[];
}

export class Journey {
  constructor(private readonly platform: RunningPlatform) {}

  api(service: string, actor?: ActorSpec): Api {
    return new Api(this.platform.urls[service] as string, actor);
  }

  async setClocks(instant: string): Promise<void> {
    for (const url of Object.values(this.platform.urls)) {
      const res = await new Api(url, clockOperator).put('/admin/clock', { now: instant });
      if (res.status !== 200) throw new Error(`clock of ${url} not set: ${res.status}`);
    }
  }

  async submit(body: unknown): Promise<string> {
    const res = await this.api('intake', actors.intake).post<{ applicationId: string }>('/applications', body);
    if (res.status !== 201) throw new Error(`application refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.applicationId;
  }

  /** The check once it is completed with the given round (or any, when none is given). */
  async completedCheck(applicationId: string, checkId?: string): Promise<CheckDetail> {
    let detail: CheckDetail | undefined;
    await eventually(
      async () => {
        const res = await this.api('verification', actors.investigator).get<CheckDetail>(`/checks/${applicationId}`);
        if (res.status !== 200 || res.body.status !== 'completed' || (checkId && res.body.checkId !== checkId))
          throw new Error(`check not completed yet (${res.status})`);
        detail = res.body;
      },
      60_000,
      250,
    );
    return detail as CheckDetail;
  }

  /** Review and public notice once approval holds the given check. */
  async reviewAndNotice(applicationId: string, checkId: string): Promise<void> {
    const reviewer = this.api('approval', actors.reviewer);
    await eventually(
      async () => {
        const view = await reviewer.get<{ status: string; check?: { checkId: string } }>(`/cases/${applicationId}`);
        if (view.body.status !== 'awaiting-review' || view.body.check?.checkId !== checkId) throw new Error(`case not awaiting review on check ${checkId}`);
      },
      60_000,
      250,
    );
    const review = await reviewer.post(`/cases/${applicationId}/review`, { recommendation: 'approve', reasons: [] });
    if (review.status >= 300) throw new Error(`review refused: ${JSON.stringify(review.body)}`);
    const notice = await reviewer.post(`/cases/${applicationId}/public-notice`, {});
    if (notice.status >= 300) throw new Error(`notice refused: ${JSON.stringify(notice.body)}`);
  }

  /** 单人保: the id of the member's own case, once approval has opened it from the household's check. */
  async singlePersonCase(householdApplicationId: string, memberId: string): Promise<string> {
    let found: string | undefined;
    await eventually(
      async () => {
        const reviewer = this.api('approval', actors.reviewer);
        const household = await reviewer.get<{ singlePersonCases?: { memberId: string; applicationId: string }[] }>(`/cases/${householdApplicationId}`);
        const id = household.body.singlePersonCases?.find((c) => c.memberId === memberId)?.applicationId;
        if (!id || (await reviewer.get(`/cases/${id}`)).status !== 200) throw new Error('no single-person case yet');
        found = id;
      },
      60_000,
      250,
    );
    return found as string;
  }

  async confirm(applicationId: string): Promise<void> {
    const res = await this.api('approval', actors.approver).post(`/cases/${applicationId}/confirmation`, { stillInHardship: false });
    if (res.status >= 300) throw new Error(`confirmation refused: ${JSON.stringify(res.body)}`);
  }

  async entitlement(
    applicationId: string,
  ): Promise<{ monthlyAmountFen: number; monthlyAmountYuan: string; countedHouseholdIncomeFen: number | null; perCapitaCountedIncomeFen: number }> {
    let found: Awaited<ReturnType<Journey['entitlement']>> | undefined;
    await eventually(
      async () => {
        const res = await this.api('payments', actors.payments).get<NonNullable<typeof found>>(`/entitlements/${applicationId}`);
        if (res.status !== 200) throw new Error(`no entitlement yet (${res.status})`);
        found = res.body;
      },
      60_000,
      250,
    );
    return found as NonNullable<typeof found>;
  }

  async payroll(
    region: string,
    month: string,
  ): Promise<{ payrollId: string; instructions: { applicationId: string; amountFen: number; amountYuan: string }[] }> {
    const res = await this.api('payments', actors.payments).post<{
      payrollId: string;
      instructions: { applicationId: string; amountFen: number; amountYuan: string }[];
    }>('/payrolls', { region, month });
    if (res.status !== 200 && res.status !== 201) throw new Error(`payroll refused: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Printed and kept beside the rule traces (rule-traces.txt). */
  print(text: string): void {
    console.log(text);
    appendFileSync(join(this.platform.logDir, 'rule-traces.txt'), `${text}\n\n`);
  }

  /** The rule trace as an investigator reads it, printed and kept in the run's log folder (rule-traces.txt). */
  printTrace(journey: string, check: CheckDetail): string {
    const yuan = (f: number) => (f / 100).toFixed(2);
    const r = check.result;
    if (!r) throw new Error('the check has no result');
    const shown = [
      'supporterStatus',
      'supporterStatusSource',
      'supporterStatusReference',
      'waiverNotApplied',
      'ground',
      'reference',
      'recordedBy',
      'evidenceReference',
      'recognisedFromMonth',
      'recognisedUntilMonth',
      'cappedAtRemainingIncomeFen',
    ];
    const lines = [
      `=== ${journey} — check ${check.checkId} (${check.rounds.length} round(s); last asked by ${check.rounds.at(-1)?.requestedBy.userId}: ${check.rounds.at(-1)?.reason ?? 'application'})`,
      ...r.ruleTrace.map((e) => {
        const params = shown.filter((k) => e.parameters[k] !== undefined).map((k) => `${k}=${String(e.parameters[k])}`);
        return `  ${e.counted ? '+' : '-'} ${e.rule.padEnd(44)} ${(e.memberId ?? 'household').slice(0, 14).padEnd(14)} ${yuan(e.amountBeforeFen).padStart(10)} → ${yuan(e.amountAfterFen).padStart(9)}  ${e.item}${params.length ? `  [${params.join(', ')}]` : ''}`;
      }),
      `  counted ${yuan(r.countedMonthlyIncomeFen)} for ${r.householdSize}; per capita (display) ${yuan(r.perCapitaMonthlyIncomeFen)}; gap ${yuan(r.monthlyGapFen)}`,
      `  category ${r.category?.category}: ${r.category?.reason}`,
      ...(r.singlePersonCoverage ?? []).map((s) => `  单人保 ${s.memberId} (${s.ground}) ${yuan(s.monthlyGapFen)} a month`),
      ...(r.pointsAssessment
        ? [
            `  积分评估 ${r.pointsAssessment.score} (reference ${r.pointsAssessment.referenceScore}): ${r.pointsAssessment.lines.map((l) => `${l.criterion}+${l.points}`).join(', ')}`,
          ]
        : []),
      ...(r.rigidExpenditureCandidates ?? []).map(
        (c) => `  candidate ${c.what} ${c.sourceMessageId} for ${c.memberId}: ${c.amountFen === null ? '-' : yuan(c.amountFen)}`,
      ),
    ];
    const text = lines.join('\n');
    console.log(text);
    appendFileSync(join(this.platform.logDir, 'rule-traces.txt'), `${text}\n\n`);
    return text;
  }
}
