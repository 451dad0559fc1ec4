/**
 * Deaths (死亡注销户口) reported by county public security: payment stops from the month after the
 * death and what was paid for later months is flagged for recovery (the decider does both). A
 * death names a resident, not an entitlement, so it is reported on every entitlement covering that
 * resident; and since it may arrive before the approval it is remembered for later grants and runs.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { residentDeathV1 } from '@sa/contracts';
import type { GrantedEntitlement } from '@sa/domain-payments';
import { maskResidentId } from '@sa/domain-shared';
import type { ReceivedEvent } from '@sa/messaging';
import { Clock, CommandRejectedError, LOGGER, type Logger } from '@sa/platform';
import { publicSecuritySystem } from '../streams';
import { EntitlementCommands } from './entitlement-commands';
import { EntitlementReadModel } from './entitlement-read-model';
import { ResidentDeaths } from './resident-deaths';
import { residentKey } from './resident-key';

export type ResidentDeath = typeof residentDeathV1 extends { readonly example: infer P } ? P : never;

@Injectable()
export class DeathReports {
  constructor(
    private readonly commands: EntitlementCommands,
    private readonly readModel: EntitlementReadModel,
    private readonly deaths: ResidentDeaths,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A county death message: remember it, then report it on every entitlement covering the resident. */
  async onResidentDeath(event: ReceivedEvent<ResidentDeath>): Promise<void> {
    const { residentId, dateOfDeath, messageId } = event.payload;
    // Remember first, then look. A grant checks the register after it appends; a death that both sides miss
    // (the index lags the grant by moments) is caught by the payroll run, which checks the register before paying.
    await this.deaths.record(residentId, dateOfDeath, messageId, this.clock.now());
    const covering = await this.readModel.coveringResident(residentId);
    for (const { entitlementId, memberId, region } of covering) {
      const actor = publicSecuritySystem(region);
      try {
        const outcome = await this.commands.reportDeath(
          { entitlementId, ...(memberId ? { memberId } : {}), dateOfDeath, reportedBy: actor, reportedAt: this.clock.now().toISOString() },
          { actor, correlationId: event.correlationId ?? event.id, causationId: event.id },
        );
        this.logger.info({ entitlementId, resident: maskResidentId(residentId), outcome }, 'death reported on entitlement');
      } catch (error) {
        // E.g. dated after today by the service clock: the register keeps it and every payroll run tries again.
        if (!(error instanceof CommandRejectedError)) throw error;
        this.logger.warn({ entitlementId, resident: maskResidentId(residentId), code: error.rejection.code }, 'death not recorded on the entitlement yet');
      }
    }
    if (covering.length === 0) this.logger.debug({ resident: maskResidentId(residentId) }, 'death of a resident no entitlement covers; kept for later grants');
  }

  /**
   * Reports deaths already known for members of these entitlements but not yet recorded on them.
   * Returns the ids of the entitlements it reported on. A death the decider refuses (dated after
   * today by the service clock) is left for a later run and logged, never blocking the caller.
   */
  async reportKnownDeaths(entitlements: readonly GrantedEntitlement[], correlationId: string): Promise<Set<string>> {
    const candidates = entitlements.filter((e) => e.dateOfDeath === undefined).flatMap((e) => e.members.map((m) => ({ e, m, key: residentKey(m.residentId) })));
    const dates = await this.deaths.datesOfDeath(candidates.map((c) => c.key));
    const reported = new Set<string>();
    for (const { e, m, key } of candidates) {
      const dateOfDeath = dates.get(key);
      if (dateOfDeath === undefined || reported.has(e.entitlementId)) continue;
      const actor = publicSecuritySystem(e.region);
      try {
        await this.commands.reportDeath(
          { entitlementId: e.entitlementId, memberId: m.memberId, dateOfDeath, reportedBy: actor, reportedAt: this.clock.now().toISOString() },
          { actor, correlationId },
        );
        reported.add(e.entitlementId);
        this.logger.warn(
          { entitlementId: e.entitlementId, resident: maskResidentId(m.residentId) },
          'a death public security reported earlier is now recorded on the entitlement',
        );
      } catch (error) {
        if (!(error instanceof CommandRejectedError)) throw error;
        this.logger.warn({ entitlementId: e.entitlementId, code: error.rejection.code }, 'a known death could not be recorded yet');
      }
    }
    return reported;
  }
}
