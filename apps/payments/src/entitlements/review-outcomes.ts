/**
 * A periodic review's outcome (sa.approval.periodic-review-decided v1) carried out on the case's
 * entitlement from the stated month, with the entitlement decider's own commands: resume (when a
 * late review lets a suspended household keep its benefit), change the amount (recomputed here by
 * the grant's rule), start the gradual exit, suspend, terminate. Each step is idempotent (event ids
 * from the message id and step; an outcome already recorded is refused as a conflict and skipped).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { periodicReviewDecidedV1 } from '@sa/contracts';
import { entitlementIdFor, type EntitlementCommand } from '@sa/domain-payments';
import { type Actor, fen } from '@sa/domain-shared';
import { PermanentError, type ReceivedEvent } from '@sa/messaging';
import { Clock, CommandRejectedError, LOGGER, type Logger } from '@sa/platform';
import { paymentsSystem } from '../streams';
import { EntitlementCommands } from './entitlement-commands';

export type ReviewDecided = typeof periodicReviewDecidedV1 extends { readonly example: infer P } ? P : never;

const reasonsText = (p: ReviewDecided) =>
  p.reasons
    .map((r) => r.message)
    .join('；')
    .slice(0, 1000);

/** The entitlement commands an outcome needs, in order. Pure. */
export function commandsForReview(p: ReviewDecided, at: string): EntitlementCommand[] {
  const entitlementId = entitlementIdFor(p.applicationId);
  const by: Actor = { userId: p.decidedBy.userId, role: p.decidedBy.role, orgUnit: p.decidedBy.orgUnit } as Actor;
  const month = p.effectiveMonth;
  const detail = `定期核查第${p.cycle}次：${reasonsText(p)}`.slice(0, 1000);
  const steps: EntitlementCommand[] = [];
  if (p.resumesSuspension) steps.push({ type: 'ResumeEntitlement', entitlementId, fromMonth: month, resumedBy: by, resumedAt: at });
  switch (p.outcome) {
    case 'continue':
      return steps;
    case 'change-amount':
      return [...steps, { type: 'ChangeEntitlementAmount', entitlementId, fromMonth: month, ...figures(p), detail, changedBy: by, changedAt: at }];
    case 'start-gradual-exit': {
      const f = figures(p);
      return [
        ...steps,
        {
          type: 'StartGradualExit',
          entitlementId,
          countedHouseholdIncomeFen: f.countedHouseholdIncomeFen,
          householdSize: f.householdSize,
          perCapitaCountedIncomeFen: fen(p.perCapitaMonthlyIncomeFen ?? 0),
          standardFen: f.standardFen,
          gradualExitMonths: p.gradualExitMonths ?? 0,
          fromMonth: month,
          policyId: f.policyId,
          decidedBy: by,
          decidedAt: at,
        },
      ];
    }
    case 'suspend':
      return [
        {
          type: 'SuspendEntitlement',
          entitlementId,
          fromMonth: month,
          reason: p.lapsed ? 'review-overdue' : 'other',
          detail,
          suspendedBy: by,
          suspendedAt: at,
        },
      ];
    case 'terminate':
      return [{ type: 'TerminateEntitlement', entitlementId, reason: 'review-failed', detail, effectiveMonth: month, stoppedBy: by, stoppedAt: at }];
  }
}

/** A decided (not lapsed) review carries the re-check's figures; without them no amount can be computed. */
function figures(p: ReviewDecided) {
  if (p.householdSize === undefined || p.standardFen === undefined || p.countedMonthlyIncomeFen === undefined || p.policyId === undefined) {
    throw new PermanentError(`review ${p.cycle} of case ${p.applicationId} (${p.outcome}) carries no re-check figures`);
  }
  return { householdSize: p.householdSize, standardFen: fen(p.standardFen), countedHouseholdIncomeFen: fen(p.countedMonthlyIncomeFen), policyId: p.policyId };
}

@Injectable()
export class ReviewOutcomes {
  constructor(
    private readonly commands: EntitlementCommands,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onReviewDecided(event: ReceivedEvent<ReviewDecided>): Promise<void> {
    const p = event.payload;
    // Recorded at the decision's own time, so a replay records the same thing.
    const steps = commandsForReview(p, p.decidedAt);
    const actor = paymentsSystem(p.region);
    for (const [i, command] of steps.entries()) {
      const context = { actor, correlationId: event.correlationId ?? event.id, causationId: event.id, idempotencyKey: `${event.id}:${i}` };
      try {
        await this.commands.execute(command, context);
      } catch (error) {
        if (!(error instanceof CommandRejectedError)) throw error;
        const { code, kind } = error.rejection;
        if (code === 'ENTITLEMENT_NOT_FOUND' && !(await this.refusedAsEntitlement(command.entitlementId))) {
          // Topics are read independently: the approval may not be granted here yet. Retried until it is.
          throw new Error(`entitlement of case ${p.applicationId} is not granted yet; the review outcome waits for it`);
        }
        // Already done (a redelivery), or a case refused as an entitlement (一人一保): nothing to carry out.
        if (kind === 'conflict' || code === 'ENTITLEMENT_NOT_FOUND') {
          this.logger.info({ applicationId: p.applicationId, cycle: p.cycle, step: command.type, code }, 'review outcome step skipped');
          continue;
        }
        throw new PermanentError(`review ${p.cycle} of case ${p.applicationId}: ${command.type} refused: ${code} ${error.rejection.message}`);
      }
    }
    this.logger.info(
      { applicationId: p.applicationId, cycle: p.cycle, outcome: p.outcome, effectiveMonth: p.effectiveMonth, at: this.clock.now().toISOString() },
      'review outcome carried out',
    );
  }

  private async refusedAsEntitlement(entitlementId: string): Promise<boolean> {
    const { state } = await this.commands.load(entitlementId);
    return state.status === 'not-granted' && state.refusal !== undefined;
  }
}
