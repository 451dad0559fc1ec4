/**
 * The scheduled job 'monthly-payroll': from the configured payroll day (发放日) of each month, by the
 * service Clock in China time, it runs the current month's payroll for every region the policy
 * file covers. Idempotent: once a region's run for the month exists, later ticks answer it.
 * Run on demand by a county officer, it pays only the regions within the officer's county.
 */
import { Inject, Injectable } from '@nestjs/common';
import { chinaDate, isWithin, type RegionCode, type RegionalPolicy } from '@sa/domain-shared';
import { CONFIG, type JobScope, LOGGER, type Logger, RegionalPolicies, Scheduler } from '@sa/platform';
import type { Config } from '../config';
import { monthlyPayrollJob } from '../streams';
import { PayrollCommands } from './payroll-commands';

export const monthlyPayrollJobName = 'monthly-payroll';

/**
 * The regions to pay: those of the policies in force on the date, leaving out any region inside
 * another listed one (a county with its own standard inside a city policy), whose entitlements the
 * enclosing run already pays.
 */
export function payrollRegions(policies: readonly RegionalPolicy[], date: string): string[] {
  const regions = [...new Set(policies.filter((p) => p.effectiveFrom <= date).map((p) => p.region))];
  return regions.filter((r) => !regions.some((other) => other !== r && isWithin(r, other))).sort();
}

/**
 * The part of those regions within a scope: a policy region inside it as it is, a policy region
 * enclosing it narrowed to the scope (a county's run of a city policy pays the county only).
 */
export function regionsWithin(regions: readonly string[], scope: string | undefined): string[] {
  if (scope === undefined) return [...regions];
  const narrowed = regions.flatMap((r) =>
    isWithin(r as RegionCode, scope as RegionCode) ? [r] : isWithin(scope as RegionCode, r as RegionCode) ? [scope] : [],
  );
  return [...new Set(narrowed)].sort();
}

/** The month to pay and whether its payroll day has come, in China time. */
export function payrollDue(now: Date, payrollDay: number): { month: string; due: boolean } {
  const date = chinaDate(now);
  return { month: date.slice(0, 7), due: Number(date.slice(8, 10)) >= payrollDay };
}

@Injectable()
export class MonthlyPayroll {
  constructor(
    scheduler: Scheduler,
    private readonly payrolls: PayrollCommands,
    private readonly policies: RegionalPolicies,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    scheduler.register(monthlyPayrollJobName, (now, scope) => this.run(now, scope), { regional: true });
  }

  /** Answers only what it started, so idle ticks log nothing. */
  async run(now: Date, scope: JobScope = {}): Promise<{ month: string; started: Array<{ region: string; payrollId: string }> } | Record<string, never>> {
    const { month, due } = payrollDue(now, this.config.PAYROLL_DAY_OF_MONTH);
    if (!due) return {};
    const started: Array<{ region: string; payrollId: string }> = [];
    for (const region of regionsWithin(payrollRegions(this.policies.all, chinaDate(now)), scope.region)) {
      try {
        const result = await this.payrolls.start(region, month, monthlyPayrollJob(region));
        if (result.outcome === 'started') started.push({ region, payrollId: result.payrollId });
      } catch (error) {
        // One region failing (e.g. its read model still catching up) must not hold back the others; the next tick retries it.
        this.logger.error({ err: error, region, month }, 'monthly payroll for a region failed; the next tick tries again');
      }
    }
    return started.length > 0 ? { month, started } : {};
  }
}
