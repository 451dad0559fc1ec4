/**
 * The entitlements a payroll run for a region and month passes to its decider: listed from the
 * read model once it has caught up, then each loaded from its own stream (the authority on stops,
 * suspensions and months already paid), after recording any death public security reported that
 * the entitlement does not show yet.
 */
import { Injectable } from '@nestjs/common';
import { payrollEntryOf, type GrantedEntitlement, type PayrollEntry } from '@sa/domain-payments';
import { DeathReports } from '../entitlements/death-reports';
import { EntitlementCommands } from '../entitlements/entitlement-commands';
import { EntitlementReadModel, entitlementsProjection } from '../entitlements/entitlement-read-model';
import { entitlementStreamPrefix } from '../streams';
import { instructionsIssued, paymentFeedbackProjection } from './payment-feedback';
import { ReadBarrier } from './read-barrier';

const loadConcurrency = 8;

@Injectable()
export class PayrollCandidates {
  constructor(
    private readonly barrier: ReadBarrier,
    private readonly readModel: EntitlementReadModel,
    private readonly commands: EntitlementCommands,
    private readonly deathReports: DeathReports,
  ) {}

  async entriesFor(region: string, month: string, correlationId: string): Promise<PayrollEntry[]> {
    // Payments other runs issued are on their entitlements first, so an overlapping run skips them.
    await this.barrier.caughtUp(paymentFeedbackProjection, instructionsIssued);
    await this.barrier.caughtUp(entitlementsProjection, { streamPrefixes: [entitlementStreamPrefix], eventTypes: ['EntitlementGranted'] });
    const ids = await this.readModel.payrollCandidates(region, month);
    let entitlements = await this.loadAll(ids);
    const reported = await this.deathReports.reportKnownDeaths(entitlements, correlationId);
    if (reported.size > 0) entitlements = await this.loadAll(entitlements.map((e) => e.entitlementId));
    return entitlements.map(payrollEntryOf);
  }

  private async loadAll(ids: readonly string[]): Promise<GrantedEntitlement[]> {
    const loaded: Array<GrantedEntitlement | undefined> = new Array(ids.length);
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const index = next++;
        loaded[index] = await this.commands.loadGranted(ids[index] as string);
      }
    };
    await Promise.all(Array.from({ length: Math.min(loadConcurrency, ids.length) }, worker));
    return loaded.filter((e): e is GrantedEntitlement => e !== undefined);
  }
}
