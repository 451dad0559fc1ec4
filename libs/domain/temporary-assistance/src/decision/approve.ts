/** 一次审批、分阶段救助 under 县、乡"分级审批": the amount within the policy, the stages, the tier. */
import { accept, addFen, chinaDate, formatYuan, isBlank, isRealDate, subtractFen, type Decision, type Fen } from '@sa/domain-shared';
import { amountRangeFen, yearlyCapFen } from '../policy/policy';
import { problem, rejectWith } from '../rejections';
import { positiveFen, type Check } from '../validation';
import { segregationProblem, tierOf } from './authority';
import type { ApproveTemporaryAssistance, PaymentStage } from './commands';
import type { ApprovalTrace, TemporaryDecisionEvent } from './events';
import type { OpenedTemporaryDecision, TemporaryDecisionState } from './state';

export function openedOrRefused(state: TemporaryDecisionState, caseId: string): { open: OpenedTemporaryDecision } | { refused: Decision<never> } {
  if (state.status === 'not-opened' || state.facts.caseId !== caseId) {
    return { refused: rejectWith(problem('CASE_NOT_FOUND', `Temporary-assistance case ${caseId} has not reached approval`, 'caseId')) };
  }
  if (state.status === 'approved' || state.status === 'rejected') {
    return { refused: rejectWith(problem('CASE_ALREADY_DECIDED', `Temporary-assistance case ${caseId} was already ${state.status}`, 'caseId')) };
  }
  return { open: state };
}

export function decideApprove(command: ApproveTemporaryAssistance, state: TemporaryDecisionState): Decision<TemporaryDecisionEvent> {
  const found = openedOrRefused(state, command.caseId);
  if ('refused' in found) return found.refused;
  const open = found.open;
  const authority = tierOf(command.decidedBy, open, 'decidedBy');
  if ('refused' in authority) return rejectWith(authority.refused);
  const invalid = segregationProblem(command.decidedBy, open, authority.tier, 'decidedBy') ?? amountProblem(command, open) ?? stagesProblem(command, open);
  if (invalid) return rejectWith(invalid);
  const trace = traceOf(command, open);
  const overLimit = command.totalFen > command.policy.townshipApprovalLimitFen;
  if (authority.tier === 'township') {
    if (open.status === 'awaiting-county') {
      return rejectWith(problem('CASE_ALREADY_WITH_COUNTY', `Case ${command.caseId} is with the county for approval`, 'caseId'));
    }
    if (overLimit) return accept(referral(command, trace));
  } else if (overLimit && open.status !== 'awaiting-county') {
    return rejectWith(
      problem('TOWNSHIP_REVIEW_REQUIRED', `Case ${command.caseId} above the township limit needs the township's review before the county approves`, 'caseId'),
    );
  }
  return accept<TemporaryDecisionEvent>({
    type: 'TemporaryAssistanceApproved',
    data: {
      caseId: command.caseId,
      township: open.facts.township,
      householdKey: open.facts.householdKey,
      tier: authority.tier,
      totalFen: command.totalFen,
      urgentAdvanceFen: open.urgentAdvanceFen,
      stages: command.stages,
      ...(open.facts.payee ? { payee: open.facts.payee } : {}),
      reasons: command.reasons,
      ...referralFacts(open, command.stillInHardship ?? false),
      decidedBy: command.decidedBy,
      decidedAt: command.decidedAt,
      trace,
    },
  });
}

function referral(command: ApproveTemporaryAssistance, trace: ApprovalTrace): TemporaryDecisionEvent {
  return {
    type: 'TemporaryCaseReferredToCounty',
    data: {
      caseId: command.caseId,
      recommendedTotalFen: command.totalFen,
      stages: command.stages,
      reasons: command.reasons,
      reviewedBy: command.decidedBy,
      reviewedAt: command.decidedAt,
      trace,
    },
  };
}

/** The contact travels only when the person consented (慈善转介须经本人同意). */
export function referralFacts(open: OpenedTemporaryDecision, stillInHardship: boolean) {
  const consent = open.facts.charityReferralConsent ?? false;
  return { stillInHardship, charityReferralConsent: consent, ...(consent && open.facts.contact ? { contact: open.facts.contact } : {}) };
}

function traceOf(command: ApproveTemporaryAssistance, open: OpenedTemporaryDecision): ApprovalTrace {
  const { minFen, maxFen } = amountRangeFen(command.policy, open.facts.category, open.facts.severity);
  return {
    policyId: command.policy.policyId,
    dibaoStandardFen: command.policy.dibaoStandardFen,
    rangeMinFen: minFen,
    rangeMaxFen: maxFen,
    yearlyCapFen: yearlyCapFen(command.policy),
    householdApprovedThisYearFen: command.householdApprovedThisYearFen,
    townshipApprovalLimitFen: command.policy.townshipApprovalLimitFen,
  };
}

function amountProblem(command: ApproveTemporaryAssistance, open: OpenedTemporaryDecision): Check {
  if (isBlank(command.reasons)) return problem('REASONS_REQUIRED', 'An approval records its reasons', 'reasons');
  const { minFen, maxFen } = amountRangeFen(command.policy, open.facts.category, open.facts.severity);
  if (
    !positiveFen(command.totalFen, Number.MAX_SAFE_INTEGER) ||
    command.totalFen < minFen ||
    command.totalFen > maxFen ||
    command.totalFen < open.urgentAdvanceFen
  ) {
    return problem(
      'AMOUNT_OUTSIDE_POLICY_RANGE',
      `a ${open.facts.severity} ${open.facts.category} case is granted ${fmt(minFen)}–${fmt(maxFen)} under ${command.policy.policyId}, and at least the ${fmt(open.urgentAdvanceFen)} already advanced`,
      'totalFen',
    );
  }
  const cap = yearlyCapFen(command.policy);
  if (addFen(command.householdApprovedThisYearFen, command.totalFen) > cap) {
    return problem(
      'YEARLY_CAP_EXCEEDED',
      `the household has had ${fmt(command.householdApprovedThisYearFen)} this year; with ${fmt(command.totalFen)} it would pass the yearly cap of ${fmt(cap)}`,
      'totalFen',
    );
  }
  return undefined;
}

function stagesProblem(command: ApproveTemporaryAssistance, open: OpenedTemporaryDecision): Check {
  const rest = subtractFen(command.totalFen, open.urgentAdvanceFen);
  if (rest > 0 && command.stages.length === 0) return problem('STAGES_REQUIRED', 'Say when the approved amount is paid: at least one stage', 'stages');
  if (command.stages.length > 0 && !open.facts.payee)
    return problem('INVALID_PAYEE', "staged payments need the applicant's bank account on the case", 'stages');
  const today = chinaDate(command.decidedAt);
  let previous = '';
  for (const [i, stage] of command.stages.entries()) {
    const bad = stageProblem(stage, today, previous);
    if (bad) return problem('INVALID_STAGE', bad, `stages.${i}`);
    previous = stage.dueDate;
  }
  const sum = addFen(...command.stages.map((s) => s.amountFen));
  return sum === rest
    ? undefined
    : problem('STAGES_DO_NOT_ADD_UP', `the stages pay ${fmt(sum)} but the total less the urgent advance is ${fmt(rest)}`, 'stages');
}

function stageProblem(stage: PaymentStage, today: string, previous: string): string | undefined {
  if (!isRealDate(stage.dueDate) || stage.dueDate < today) return 'a stage is due on a real date YYYY-MM-DD, not before the decision';
  if (stage.dueDate <= previous) return 'stages are listed in date order, one per date';
  return positiveFen(stage.amountFen, Number.MAX_SAFE_INTEGER) ? undefined : 'a stage pays a positive amount in fen';
}

export const fmt = (amount: Fen) => `${formatYuan(amount)} CNY`;
