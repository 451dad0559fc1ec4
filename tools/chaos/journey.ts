/**
 * One application's way to payroll, as staff would drive it through the REST APIs (see
 * docs/walkthrough.sh): intake → the automatic economic check (核对) → township review (审核) →
 * public notice (公示) → eight days later county confirmation (确认) → entitlement → payroll (发放)
 * → disbursement file. Every step can be repeated safely: it looks at the case first, so a retry
 * after a lost answer never acts twice.
 */
import { call, staff, until, type Answer } from './client';
import type { PlannedApplication } from './households';

export type Urls = (service: string) => string;

export interface Progress {
  /** Journey steps completed; a fault's recovery is also seen in this counter moving again. */
  steps: number;
  readonly stuck: Map<string, string>;
}

const waitMs = 600_000;

export async function submit(urls: Urls, app: PlannedApplication): Promise<void> {
  const res = await call(`POST`, `${urls('intake')}/applications`, staff.intake, app.body);
  if (res.status === 201) return;
  // 409 on a retry whose first attempt got through (the answer was lost): the application exists.
  if (res.status === 409 && (await call('GET', `${urls('intake')}/applications/${app.applicationId}`, staff.intake)).status === 200) return;
  throw new Error(`submission answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
}

interface CaseView {
  readonly status: string;
}

function caseStatus(urls: Urls, applicationId: string): Promise<Answer<CaseView>> {
  return call<CaseView>('GET', `${urls('approval')}/cases/${applicationId}`, staff.reviewer);
}

/** Waits for the case to reach one of the statuses; throws naming the status it is stuck in. */
export async function caseReaches(urls: Urls, applicationId: string, statuses: readonly string[], deadlineMs = waitMs): Promise<string> {
  const last = await until(
    () => caseStatus(urls, applicationId),
    (a) => a.status === 200 && statuses.includes(a.body.status),
    deadlineMs,
  );
  if (last.status === 200 && statuses.includes(last.body.status)) return last.body.status;
  throw new Error(`case never reached ${statuses.join('/')} (GET /cases answered ${last.status} ${last.status === 200 ? last.body.status : ''})`);
}

/** Township review with an approve recommendation, then the public notice. */
export async function reviewAndNotice(urls: Urls, applicationId: string): Promise<void> {
  const cases = `${urls('approval')}/cases/${applicationId}`;
  if ((await caseReaches(urls, applicationId, ['awaiting-review', 'reviewed', 'on-notice'])) === 'awaiting-review') {
    const res = await call('POST', `${cases}/review`, staff.reviewer, { recommendation: 'approve', reasons: [] });
    if (res.status >= 300 && (await caseStatus(urls, applicationId)).body.status === 'awaiting-review') throw new Error(`review answered ${res.status}`);
  }
  if ((await caseReaches(urls, applicationId, ['reviewed', 'on-notice'], 60_000)) === 'reviewed') {
    const res = await call('POST', `${cases}/public-notice`, staff.reviewer, {});
    if (res.status >= 300 && (await caseStatus(urls, applicationId)).body.status !== 'on-notice') throw new Error(`public notice answered ${res.status}`);
  }
}

export async function confirm(urls: Urls, applicationId: string): Promise<void> {
  if ((await caseReaches(urls, applicationId, ['on-notice', 'approved'])) === 'on-notice') {
    const res = await call<{ code?: string }>('POST', `${urls('approval')}/cases/${applicationId}/confirmation`, staff.approver, { stillInHardship: false });
    if (res.status >= 300 && (await caseStatus(urls, applicationId)).body.status !== 'approved') {
      throw new Error(`confirmation answered ${res.status} ${res.body?.code ?? ''}`);
    }
  }
}

/** The entitlement's first month, once payments has granted it. */
export async function entitlementStart(urls: Urls, applicationId: string): Promise<string> {
  const last = await until(
    () => call<{ startMonth: string }>('GET', `${urls('payments')}/entitlements/${applicationId}`, staff.payments),
    (a) => a.status === 200,
    waitMs,
  );
  if (last.status !== 200) throw new Error(`no entitlement (GET /entitlements answered ${last.status})`);
  return last.body.startMonth;
}

export interface PayrollOutcome {
  readonly region: string;
  readonly payrollId?: string;
  readonly instructions: number;
  readonly fileLines?: number;
  readonly error?: string;
}

/** The village's payroll for the month (a repeat returns the same run), and its bank file. */
export async function payVillage(urls: Urls, region: string, month: string): Promise<PayrollOutcome> {
  const run = await call<{ payrollId: string; instructions: unknown[] }>('POST', `${urls('payments')}/payrolls`, staff.payments, { region, month });
  if (run.status >= 300) return { region, instructions: 0, error: `POST /payrolls answered ${run.status}: ${JSON.stringify(run.body).slice(0, 300)}` };
  const file = await call<string>('GET', `${urls('payments')}/payrolls/${run.body.payrollId}/disbursement-file`, staff.payments);
  if (file.status !== 200)
    return { region, payrollId: run.body.payrollId, instructions: run.body.instructions.length, error: `disbursement file answered ${file.status}` };
  const lines = String(file.body)
    .split('\n')
    .filter((l) => l.trim()).length;
  return { region, payrollId: run.body.payrollId, instructions: run.body.instructions.length, fileLines: lines };
}

/** Runs the step for every item, `concurrency` at a time; a failure marks the item stuck and moves on. */
export async function forEach<T extends { applicationId: string }>(
  items: readonly T[],
  concurrency: number,
  progress: Progress,
  step: string,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i] as T;
      if (progress.stuck.has(item.applicationId)) continue;
      try {
        await work(item);
        progress.steps += 1;
      } catch (error) {
        progress.stuck.set(item.applicationId, `${step}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}
