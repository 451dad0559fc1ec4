/**
 * The thin command side of the tiered decision: the policy in force, the household's year so far
 * (its yearly-cap ledger), the decider. An approval is counted against the household's yearly cap
 * before it is recorded, on the ledger's own stream, so two approvals for one household at the same
 * moment cannot both pass the cap (yearly-cap.ts); when the approval then is not recorded (refused
 * on the latest history, or a concurrent decision won), the ledger is brought back to what the
 * case's decision says.
 */
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { chinaDate, fen, type Actor } from '@sa/domain-shared';
import {
  countedForOtherCases,
  temporaryDecisionDecider,
  yearlyCapDecider,
  yearlyCapFen,
  type ApproveTemporaryAssistance,
  type PaymentStage,
  type TemporaryDecisionState,
} from '@sa/domain-temporary-assistance';
import type { EventStore } from '@sa/event-store';
import {
  assertJurisdiction,
  type AuthenticatedActor,
  Clock,
  CommandRejectedError,
  deterministicUuid,
  EVENT_STORE,
  executeCommand,
  loadAggregate,
  TemporaryAssistancePolicies,
  temporaryAssistancePolicyOrRefuse,
} from '@sa/platform';

export const temporaryDecisionStream = (caseId: string) => `temporary-decision-${caseId}`;
/** One ledger per household and calendar year; the resident ID is hashed out of the stream's name. */
export const householdYearStream = (householdKey: string, year: string) =>
  `temporary-household-year-${deterministicUuid('temporary-household-year', householdKey)}-${year}`;

const actorOf = (a: Actor): Actor => ({ userId: a.userId, role: a.role, orgUnit: a.orgUnit });

@Injectable()
export class TemporaryDecisionCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly policies: TemporaryAssistancePolicies,
  ) {}

  async approve(
    caseId: string,
    body: { totalFen: number; stages: PaymentStage[]; reasons: string; stillInHardship?: boolean | undefined },
    actor: AuthenticatedActor,
  ): Promise<TemporaryDecisionState> {
    const decision = await this.loadVisible(caseId, actor);
    if (decision.state.status === 'not-opened') throw new NotFoundException(`temporary-assistance case ${caseId} has not reached approval`);
    const now = this.clock.now().toISOString();
    const policy = temporaryAssistancePolicyOrRefuse(this.policies, decision.state.facts.township, now);
    const { householdKey } = decision.state.facts;
    const year = chinaDate(now).slice(0, 4);
    const ledgerStream = householdYearStream(householdKey, year);
    const ledger = await loadAggregate(this.store, ledgerStream, yearlyCapDecider);
    const command = (householdApprovedThisYearFen: number): ApproveTemporaryAssistance => ({
      type: 'ApproveTemporaryAssistance',
      caseId,
      totalFen: fen(body.totalFen),
      stages: body.stages.map((s) => ({ dueDate: s.dueDate, amountFen: fen(s.amountFen) })),
      reasons: body.reasons,
      stillInHardship: body.stillInHardship ?? false,
      decidedBy: actorOf(actor),
      decidedAt: now,
      policy,
      householdApprovedThisYearFen: fen(householdApprovedThisYearFen),
    });
    const proposed = temporaryDecisionDecider.decide(command(countedForOtherCases(ledger.state, caseId)), decision.state);
    if (!proposed.ok) throw new CommandRejectedError(proposed.rejection);
    let others = countedForOtherCases(ledger.state, caseId);
    const approves = proposed.events.some((e) => e.type === 'TemporaryAssistanceApproved');
    if (approves) {
      const count = { type: 'CountApprovalAgainstYearlyCap' as const, householdKey, year, caseId, amountFen: fen(body.totalFen) };
      const counted = await executeCommand(
        this.store,
        ledgerStream,
        yearlyCapDecider,
        { ...count, capFen: yearlyCapFen(policy), policyId: policy.policyId, countedBy: actorOf(actor), countedAt: now },
        this.context(actor, caseId),
        { from: ledger },
      );
      others = countedForOtherCases(counted.state, caseId);
    }
    try {
      return (
        await executeCommand(this.store, temporaryDecisionStream(caseId), temporaryDecisionDecider, command(others), this.context(actor, caseId), {
          from: decision,
        })
      ).state;
    } catch (error) {
      if (approves) await this.reconcileYearlyCap(caseId, householdKey, year, actor, 'approval-not-recorded');
      throw error;
    }
  }

  async reject(caseId: string, reasons: string, actor: AuthenticatedActor): Promise<TemporaryDecisionState> {
    const decision = await this.loadVisible(caseId, actor);
    const command = { type: 'RejectTemporaryAssistance' as const, caseId, reasons, decidedBy: actorOf(actor), decidedAt: this.clock.now().toISOString() };
    const { state } = await executeCommand(this.store, temporaryDecisionStream(caseId), temporaryDecisionDecider, command, this.context(actor, caseId), {
      from: decision,
    });
    // An approval interrupted after its count (a crash between the two appends) counts no more.
    if (state.status !== 'not-opened')
      await this.reconcileYearlyCap(caseId, state.facts.householdKey, chinaDate(command.decidedAt).slice(0, 4), actor, 'case-rejected');
    return state;
  }

  /** The decision as its events say now; outside the caller's jurisdiction, 403. */
  async loadVisible(caseId: string, actor: AuthenticatedActor) {
    const loaded = await loadAggregate(this.store, temporaryDecisionStream(caseId), temporaryDecisionDecider);
    if (loaded.state.status !== 'not-opened') assertJurisdiction(actor, loaded.state.facts.emergencyLocation);
    return loaded;
  }

  /** Makes the household's ledger say what the case's decision says: its approved amount, or nothing. */
  private async reconcileYearlyCap(caseId: string, householdKey: string, year: string, actor: Actor, reason: 'approval-not-recorded' | 'case-rejected') {
    const { state } = await loadAggregate(this.store, temporaryDecisionStream(caseId), temporaryDecisionDecider);
    const by = { actor: actorOf(actor), at: this.clock.now().toISOString() };
    const ledger = householdYearStream(householdKey, year);
    if (state.status === 'approved' && state.approvedTotalFen !== undefined) {
      // A concurrent approval of this case was recorded instead: the ledger counts its amount (it was counted on its way too).
      const policy = temporaryAssistancePolicyOrRefuse(this.policies, state.facts.township, by.at);
      const count = { type: 'CountApprovalAgainstYearlyCap' as const, householdKey, year, caseId, amountFen: state.approvedTotalFen };
      await executeCommand(
        this.store,
        ledger,
        yearlyCapDecider,
        { ...count, capFen: yearlyCapFen(policy), policyId: policy.policyId, countedBy: by.actor, countedAt: by.at },
        this.context(actor, caseId),
      );
      return;
    }
    const release = { type: 'ReleaseYearlyCapCount' as const, caseId, reason, releasedBy: by.actor, releasedAt: by.at };
    await executeCommand(this.store, ledger, yearlyCapDecider, release, this.context(actor, caseId));
  }

  private context(actor: Actor, correlationId: string) {
    return { actor: actorOf(actor), correlationId };
  }
}
