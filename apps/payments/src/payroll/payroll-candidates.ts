/**
 * The entitlements a payroll run pays, one batch at a time: the next `batchSize` candidates after
 * the run's cursor, read in one keyset page from the payroll's entitlement table (each row the
 * entitlement's state folded from its own stream up to the table's position, which the run waits
 * for first), after recording any death public security reported that the entitlement does not
 * show yet. Memory holds one batch, never the region's caseload, and the death register is asked
 * about one batch's members at a time (one `$in` of every member of a city went past MongoDB's
 * 16 MB limit).
 */
import { Inject, Injectable } from '@nestjs/common';
import { payrollEntryOf, type GrantedEntitlement, type PayrollEntry } from '@sa/domain-payments';
import { DeathReports } from '../entitlements/death-reports';
import { EntitlementCommands } from '../entitlements/entitlement-commands';
import { entitlementStreamPrefix } from '../streams';
import { instructionsIssued, paymentFeedbackProjection } from './payment-feedback-filter';
import type { EntitlementTable } from './entitlement-table';
import { payrollEntitlementsProjection } from './entitlement-table';
import { EntitlementTableProjection } from './entitlement-table-projection';
import { ENTITLEMENT_TABLE } from './entitlement-table.provider';
import { PayrollActivity } from './payroll-activity';
import { ReadBarrier } from './read-barrier';

@Injectable()
export class PayrollCandidates {
  constructor(
    private readonly barrier: ReadBarrier,
    @Inject(ENTITLEMENT_TABLE) private readonly table: EntitlementTable,
    private readonly projection: EntitlementTableProjection,
    private readonly activity: PayrollActivity,
    private readonly commands: EntitlementCommands,
    private readonly deathReports: DeathReports,
  ) {}

  /** Waits until what a run reads has applied everything already in the store (503 otherwise). */
  async caughtUp(): Promise<void> {
    // Payments other runs issued are recorded on their entitlements first, so an overlapping run skips them.
    await this.barrier.caughtUp(paymentFeedbackProjection, instructionsIssued);
    const filter = { streamPrefixes: [entitlementStreamPrefix] };
    await this.barrier.caughtUpWith(payrollEntitlementsProjection, filter, () => this.projection.position, this.activity.lastFeedback);
  }

  count(region: string, month: string): Promise<number> {
    return this.table.countCandidates(region, month);
  }

  /** The next batch after `after`, in ascending entitlement id (the order the run's cursor follows). */
  async batchAfter(region: string, month: string, after: string | undefined, limit: number, correlationId: string): Promise<PayrollEntry[]> {
    return this.entriesOf(await this.page(region, month, after, limit), correlationId);
  }

  /** The next `limit` candidates after `after` as the table holds them (one keyset query). */
  page(region: string, month: string, after: string | undefined, limit: number): Promise<GrantedEntitlement[]> {
    return this.table.candidatesAfter(region, month, after, limit);
  }

  /** A page as the run pays it: deaths known to the register recorded first (those entitlements read again). */
  async entriesOf(page: readonly GrantedEntitlement[], correlationId: string): Promise<PayrollEntry[]> {
    let entitlements = page;
    const reported = await this.deathReports.reportKnownDeaths(entitlements, correlationId);
    // A death just recorded: that entitlement is read again from its stream, the authority.
    if (reported.size > 0) entitlements = await this.reload(entitlements, reported);
    return entitlements.map(payrollEntryOf);
  }

  private async reload(entitlements: readonly GrantedEntitlement[], ids: ReadonlySet<string>): Promise<GrantedEntitlement[]> {
    const fresh: GrantedEntitlement[] = [];
    for (const e of entitlements) {
      const state = ids.has(e.entitlementId) ? await this.commands.loadGranted(e.entitlementId) : e;
      if (state) fresh.push(state);
    }
    return fresh;
  }
}
