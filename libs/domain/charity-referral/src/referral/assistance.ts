/** Help the organisation reports: money, goods with their value, or a volunteer service visit. */
import { accept, chinaDate, type Decision } from '@sa/domain-shared';
import { problem, rejectWith, type ReferralRejection } from '../rejections';
import { isBlank, isPositiveFen, isRealDate } from '../validation';
import type { Assistance, RecordAssistance } from './commands';
import type { AssistanceTotals, ReferralEvent } from './events';
import { liveReferral, notCurrent } from './guards';
import { isVolunteerServiceKind, volunteerServiceKinds } from './needs';
import { instantProblem } from './offer';
import type { Referral, ReferralState } from './state';

export function decideRecordAssistance(command: RecordAssistance, state: ReferralState): Decision<ReferralEvent> {
  const found = liveReferral(state, command.referralId);
  if ('problem' in found) return rejectWith(found.problem);
  const { live } = found;
  if (live.status !== 'accepted')
    return rejectWith(problem('REFERRAL_NOT_ACCEPTED', 'Assistance is recorded only once an organisation has accepted the referral', 'referralId'));
  if (command.organisationId !== live.organisationId) return rejectWith(notCurrent(command.referralId));
  const invalid = recordProblem(command, live.referral) ?? assistanceProblem(command.assistance);
  if (invalid) return rejectWith(invalid);
  return accept<ReferralEvent>({
    type: 'AssistanceRecorded',
    data: {
      referralId: live.referral.referralId,
      applicationId: live.referral.applicationId,
      organisationId: live.organisationId,
      assistanceId: command.assistanceId,
      assistance: command.assistance,
      providedOn: command.providedOn,
      recordedBy: command.recordedBy,
      recordedAt: command.recordedAt,
    },
  });
}

function recordProblem(command: RecordAssistance, referral: Referral): ReferralRejection | undefined {
  if (isBlank(command.assistanceId)) return problem('ASSISTANCE_ID_REQUIRED', 'Each assistance record needs an id', 'assistanceId');
  // The same record twice would double the reported help; every fen must be traceable once.
  if (referral.assistanceIds.includes(command.assistanceId)) {
    return problem('ASSISTANCE_ALREADY_RECORDED', `Assistance ${command.assistanceId} is already recorded`, 'assistanceId');
  }
  const invalidTime = instantProblem(command.recordedAt, 'recordedAt');
  if (invalidTime) return invalidTime;
  if (!isRealDate(command.providedOn)) return problem('INVALID_DATE', 'Provided-on must be a real date YYYY-MM-DD', 'providedOn');
  if (command.providedOn > chinaDate(command.recordedAt)) {
    return problem('ASSISTANCE_DATE_IN_FUTURE', 'Help cannot be recorded before the day it is provided', 'providedOn');
  }
  return undefined;
}

function assistanceProblem(assistance: Assistance): ReferralRejection | undefined {
  switch (assistance.kind) {
    case 'money':
      if (!isPositiveFen(assistance.amountFen)) return problem('INVALID_AMOUNT', 'Money must be a positive whole number of fen', 'assistance.amountFen');
      break;
    case 'goods':
      if (!isPositiveFen(assistance.valueFen)) return problem('INVALID_AMOUNT', 'Goods value must be a positive whole number of fen', 'assistance.valueFen');
      break;
    case 'volunteer-service':
      if (!isVolunteerServiceKind(assistance.service)) {
        return problem('INVALID_SERVICE_KIND', `Service must be one of ${volunteerServiceKinds.join(', ')}`, 'assistance.service');
      }
      break;
    default:
      return problem('INVALID_ASSISTANCE_KIND', 'Assistance kind must be money, goods or volunteer-service', 'assistance.kind');
  }
  return isBlank(assistance.description) ? problem('DESCRIPTION_REQUIRED', 'Describe what was given or done', 'assistance.description') : undefined;
}

/** Adds one record to the running totals (used by evolve). */
export function addToTotals(totals: AssistanceTotals, assistance: Assistance): AssistanceTotals {
  switch (assistance.kind) {
    case 'money':
      return { ...totals, moneyFen: totals.moneyFen + assistance.amountFen };
    case 'goods':
      return { ...totals, goodsValueFen: totals.goodsValueFen + assistance.valueFen, goodsRecords: totals.goodsRecords + 1 };
    case 'volunteer-service':
      return { ...totals, serviceVisits: totals.serviceVisits + 1 };
  }
}
