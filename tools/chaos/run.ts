/**
 * The run: every application through each step of the journey in turn, each step with its faults
 * injected while it works. The clock moves as the rules need it: eight days after the notices for
 * the county's confirmation, then to the 5th of the benefit's first month for the payroll.
 */
import type { Fleet } from './fleet';
import { runFaults, type Fault, type FaultOutcome, type Phase } from './faults';
import { plannedApplication, villages, type PlannedApplication } from './households';
import { confirm, entitlementStart, forEach, payVillage, reviewAndNotice, submit, type PayrollOutcome, type Progress } from './journey';
import type { Say } from './servers';

export interface RunSettings {
  readonly count: number;
  readonly concurrency: number;
  readonly outageMs: number;
  readonly restartDelayMs: number;
}

export interface RunOutcome {
  readonly applications: readonly PlannedApplication[];
  readonly probes: readonly PlannedApplication[];
  readonly faults: readonly FaultOutcome[];
  readonly payrolls: readonly PayrollOutcome[];
  readonly payrollMonth: string | undefined;
  readonly progress: Progress;
  readonly phaseMs: Partial<Record<Phase, number>>;
}

const day = 86_400_000;

/** The 5th of the month, 09:00 China time (payroll day in the walk-through). */
function payrollDay(month: string): string {
  return `${month}-05T09:00:00+08:00`;
}

export async function run(fleet: Fleet, plan: Record<Phase, Fault[]>, settings: RunSettings, say: Say): Promise<RunOutcome> {
  const urls = (service: string) => fleet.url(service);
  const progress: Progress = { steps: 0, stuck: new Map() };
  const probes: PlannedApplication[] = [];
  const faults: FaultOutcome[] = [];
  const phaseMs: Partial<Record<Phase, number>> = {};
  const faultContext = { fleet, outageMs: settings.outageMs, restartDelayMs: settings.restartDelayMs, say, probes };
  const applications = Array.from({ length: settings.count }, (_, i) => plannedApplication(i, villages[i % villages.length] as string));

  /** One step of the journey with its faults running alongside. */
  const phase = async (name: Phase, work: () => Promise<void>) => {
    const began = Date.now();
    say(`step: ${name} (${plan[name].length} fault(s) alongside)`);
    const base = progress.steps;
    const moved = () => (progress.steps - base) / Math.max(1, applications.length);
    const [, injected] = await Promise.all([work(), runFaults(plan[name], faultContext, moved)]);
    faults.push(...injected);
    phaseMs[name] = Date.now() - began;
    say(`step: ${name} done in ${((Date.now() - began) / 1000).toFixed(1)} s; ${progress.stuck.size} application(s) stuck so far`);
  };

  const start = Date.now();
  await fleet.setClock(new Date(start).toISOString());
  await phase('submission', () => forEach(applications, settings.concurrency, progress, 'submission', (a) => submit(urls, a)));
  await phase('review', () => forEach(applications, settings.concurrency, progress, 'review and notice', (a) => reviewAndNotice(urls, a.applicationId)));
  // The 7-day public notice (公示) has ended.
  await fleet.setClock(new Date(start + 8 * day).toISOString());
  await phase('confirmation', () => forEach(applications, settings.concurrency, progress, 'confirmation', (a) => confirm(urls, a.applicationId)));
  const startMonths = new Set<string>();
  await phase('entitlement', () =>
    forEach(applications, settings.concurrency, progress, 'entitlement', async (a) => startMonths.add(await entitlementStart(urls, a.applicationId))),
  );
  const payrollMonth = [...startMonths].sort().at(-1);
  const payrolls: PayrollOutcome[] = [];
  if (payrollMonth) {
    await fleet.setClock(payrollDay(payrollMonth));
    const regions = villages.map((region) => ({ applicationId: region, region }));
    await phase('payroll', () => forEach(regions, 2, progress, 'payroll', async (v) => payrolls.push(await payVillage(urls, v.region, payrollMonth))));
  }
  return { applications, probes, faults, payrolls, payrollMonth, progress, phaseMs };
}
