/**
 * An approved case (审批通过) becomes an entitlement, at the standard of the regional policy in force
 * for the benefit's first month. Runs in the consumer of approval's topic; the inbox record commits
 * with the grant, so a redelivered approval grants nothing twice.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { GrantEntitlement } from '@sa/domain-payments';
import type { RegionalPolicy } from '@sa/domain-shared';
import type { HandledMessage } from '@sa/event-store';
import { PermanentError, type ReceivedEvent } from '@sa/messaging';
import { Clock, type CommandContext, CommandRejectedError, LOGGER, type Logger, RegionalPolicies } from '@sa/platform';
import { paymentsSystem } from '../streams';
import { type ApprovedCase, grantForApprovedCase, policyDateOf } from './approved-case';
import { DeathReports } from './death-reports';
import { EntitlementCommands } from './entitlement-commands';
import { type ClaimOutcome, ResidentBenefitClaims } from './resident-benefit-claims';

@Injectable()
export class CaseApprovals {
  constructor(
    private readonly commands: EntitlementCommands,
    private readonly deathReports: DeathReports,
    private readonly claims: ResidentBenefitClaims,
    private readonly policies: RegionalPolicies,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onCaseApproved(event: ReceivedEvent<ApprovedCase>, handledMessage: HandledMessage): Promise<void> {
    const approved = event.payload;
    const actor = paymentsSystem(approved.region);
    const plan = grantForApprovedCase(approved, this.policyFor(approved), actor, this.clock.now().toISOString());
    // Retrying cannot help until the policy file is fixed: dead-letter it now, replay it then.
    if (!plan.ok) throw new PermanentError(`case ${approved.applicationId}: ${plan.reason}`);
    const context = { actor, correlationId: event.correlationId ?? event.id, causationId: event.id, handledMessage, idempotencyKey: event.id };
    // A replay of a case already granted changes nothing, even when its claims have since passed on (it stopped).
    if (await this.commands.loadGranted(plan.command.entitlementId)) {
      this.logger.info({ applicationId: approved.applicationId, outcome: 'already-granted' }, 'approved case handled');
      return;
    }
    // One person, one live benefit (一人一保): claim every member before granting, whatever path the approval came by.
    const claim = await this.claims.claimAll(plan.command, context);
    if (!claim.ok) return this.refuse(plan.command, claim, context);
    let outcome: 'granted' | 'already-granted';
    try {
      outcome = await this.commands.grant(plan.command, context);
    } catch (error) {
      if (error instanceof CommandRejectedError) {
        this.logger.error(
          { applicationId: approved.applicationId, code: error.rejection.code, policyId: plan.policy.id },
          'approved case refused as an entitlement',
        );
        await this.claims.releaseAll(plan.command, context);
      }
      throw error;
    }
    this.logger.info(
      { applicationId: approved.applicationId, entitlementId: plan.command.entitlementId, policyId: plan.policy.id, outcome },
      'approved case handled',
    );
    if (outcome === 'granted') await this.recordDeathsAlreadyKnown(plan.command.entitlementId, context.correlationId);
  }

  /** A permanent domain refusal, recorded on the case's entitlement stream (and published), never silently dropped. */
  private async refuse(grant: GrantEntitlement, claim: Exclude<ClaimOutcome, { ok: true }>, context: CommandContext): Promise<void> {
    const { entitlementId, applicationId, programme, region, grantedBy, grantedAt } = grant;
    const { memberId, heldByApplicationId, detail } = claim;
    await this.commands.refuse(
      {
        type: 'RefuseEntitlement',
        entitlementId,
        applicationId,
        programme,
        region,
        memberId,
        heldByApplicationId,
        detail,
        refusedBy: grantedBy,
        refusedAt: grantedAt,
      },
      context,
    );
    this.logger.warn({ applicationId, memberId, heldByApplicationId }, 'approved case refused: a member already has a live benefit');
  }

  private policyFor(approved: ApprovedCase): RegionalPolicy | undefined {
    try {
      return this.policies.inForce(approved.region, policyDateOf(approved));
    } catch {
      return undefined;
    }
  }

  /** Best effort: the message is already recorded as handled; every payroll run checks again before paying. */
  private async recordDeathsAlreadyKnown(entitlementId: string, correlationId: string): Promise<void> {
    try {
      const granted = await this.commands.loadGranted(entitlementId);
      if (granted) await this.deathReports.reportKnownDeaths([granted], correlationId);
    } catch (error) {
      this.logger.warn({ err: error, entitlementId }, 'checking known deaths after a grant failed; the next payroll run checks again');
    }
  }
}
