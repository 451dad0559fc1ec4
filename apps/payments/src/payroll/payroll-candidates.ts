/**
 * The entitlements a payroll run pays, one batch at a time: listed from the read model in id
 * order after the run's cursor, then each loaded from its own stream (the authority on stops,
 * suspensions and months already paid), after recording any death public security reported that
 * the entitlement does not show yet. Memory holds one batch, never the region's caseload, and the
 * death register is asked about one batch's members at a time (one `$in` of every member of a city
 * went past MongoDB's 16 MB limit).
 */
import { Injectable } from '@nestjs/common';
import { payrollEntryOf, type GrantedEntitlement, type PayrollEntry } from '@sa/domain-payments';
import { DeathReports } from '../entitlements/death-reports';
import { EntitlementCommands } from '../entitlements/entitlement-commands';
import { EntitlementReadModel, entitlementsProjection } from '../entitlements/entitlement-read-model';
import { entitlementStreamPrefix } from '../streams';
import { instructionsIssued, paymentFeedbackProjection } from './payment-feedback';
import { CandidateListing } from './candidate-listing';
import { ReadBarrier } from './read-barrier';

const loadConcurrency = 16;

/** Started by the month and not stopped before it (a stop only ever moves earlier, so one the read model shows is certain). */
function candidateFilter(region: string, month: string, after?: string): Record<string, unknown> {
  return {
    region: { $regex: `^${region}` },
    startMonth: { $lte: month },
    $or: [{ stop: null }, { 'stop.effectiveMonth': { $gte: month } }],
    ...(after === undefined ? {} : { _id: { $gt: after } }),
  };
}

@Injectable()
export class PayrollCandidates {
  constructor(
    private readonly barrier: ReadBarrier,
    private readonly readModel: EntitlementReadModel,
    private readonly commands: EntitlementCommands,
    private readonly deathReports: DeathReports,
  ) {}

  /** Waits until the projections a run reads have applied everything already in the store (503 otherwise). */
  async caughtUp(): Promise<void> {
    // Payments other runs issued are on their entitlements first, so an overlapping run skips them.
    await this.barrier.caughtUp(paymentFeedbackProjection, instructionsIssued);
    await this.barrier.caughtUp(entitlementsProjection, { streamPrefixes: [entitlementStreamPrefix], eventTypes: ['EntitlementGranted'] });
  }

  count(region: string, month: string): Promise<number> {
    return this.readModel.model.countDocuments(candidateFilter(region, month));
  }

  /** A listing of the ids a drive of the run pays, read from the read model a page at a time (candidate-listing.ts says why). */
  listing(region: string, month: string): CandidateListing {
    return new CandidateListing(async (after, limit) => {
      const docs = await this.readModel.model
        .find(candidateFilter(region, month, after), { _id: 1 })
        .sort({ _id: 1 })
        .limit(limit)
        .lean();
      return docs.map((d) => d._id as string);
    });
  }

  /** The next batch after `after`, in ascending entitlement id (the order the run's cursor follows). */
  async batchAfter(listing: CandidateListing, after: string | undefined, limit: number, correlationId: string): Promise<PayrollEntry[]> {
    const ids = await listing.idsAfter(after, limit);
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
