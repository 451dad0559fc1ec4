/** 在急难发生地申请临时救助: what an application must say; no hukou or residence condition. */
import { accept, describeResidentIdProblem, isBlank, isRealDate, maskResidentId, parseRegionCode, residentIdProblem, type Decision } from '@sa/domain-shared';
import { assistanceCategories, severities } from '../policy/policy';
import { problem, rejectWith } from '../rejections';
import { isOneOf, positiveFen, regionProblem, required, townshipOf, type Check } from '../validation';
import { circumstancesByCategory, temporaryChannels, type ApplyForTemporaryAssistance } from './commands';
import type { TemporaryCaseEvent } from './events';
import type { TemporaryCaseState } from './state';

/** A sanity ceiling on what may be asked (1,000,000.00 CNY); the policy's ranges bound what is granted. */
const maxAskFen = 100_000_000;

export function decideApply(command: ApplyForTemporaryAssistance, state: TemporaryCaseState): Decision<TemporaryCaseEvent> {
  if (state.status !== 'not-applied') return rejectWith(problem('CASE_ALREADY_OPEN', `Temporary-assistance case ${command.caseId} is already open`, 'caseId'));
  const invalid = applyProblem(command);
  if (invalid) return rejectWith(invalid);
  const location = parseRegionCode(command.emergencyLocation);
  const { type: _type, applicant, ...rest } = command;
  const residentId = applicant.residentId?.toUpperCase();
  return accept<TemporaryCaseEvent>({
    type: 'TemporaryAssistanceApplied',
    data: {
      ...rest,
      applicant: residentId === undefined ? applicant : { ...applicant, residentId },
      emergencyLocation: location,
      township: townshipOf(location) as string,
    },
  });
}

function applyProblem(c: ApplyForTemporaryAssistance): Check {
  return (
    required(c.caseId, 'CASE_ID_REQUIRED', 'caseId', 'A case id') ??
    (isOneOf(assistanceCategories, c.category)
      ? undefined
      : problem('INVALID_CATEGORY', `category must be one of ${assistanceCategories.join(', ')}`, 'category')) ??
    circumstanceProblem(c) ??
    (isOneOf(severities, c.severity) ? undefined : problem('INVALID_SEVERITY', `severity must be one of ${severities.join(', ')}`, 'severity')) ??
    required(c.description, 'DESCRIPTION_REQUIRED', 'description', 'What happened') ??
    locationProblem(c.emergencyLocation) ??
    (isRealDate(c.emergencyDate) && c.emergencyDate <= c.appliedAt.slice(0, 10)
      ? undefined
      : problem('INVALID_DATE', 'emergencyDate must be a real date YYYY-MM-DD, not after the application', 'emergencyDate')) ??
    applicantProblem(c) ??
    (Number.isInteger(c.householdSize) && c.householdSize >= 1 && c.householdSize <= 30
      ? undefined
      : problem('INVALID_HOUSEHOLD_SIZE', 'householdSize must be a whole number from 1 to 30', 'householdSize')) ??
    (positiveFen(c.amountAskedFen, maxAskFen)
      ? undefined
      : problem('INVALID_AMOUNT', 'amountAsked must be a positive amount up to 1,000,000.00', 'amountAskedFen')) ??
    channelProblem(c)
  );
}

function circumstanceProblem(c: ApplyForTemporaryAssistance): Check {
  const allowed: readonly string[] = circumstancesByCategory[c.category];
  return allowed.includes(c.circumstance)
    ? undefined
    : problem('INVALID_CIRCUMSTANCE', `a ${c.category} case's circumstance must be one of ${allowed.join(', ')}`, 'circumstance');
}

/** The township examines and pays, so the place must be at least as precise as a township. */
function locationProblem(location: string): Check {
  const invalid = regionProblem(location, 'emergencyLocation');
  if (invalid) return invalid;
  return townshipOf(location)
    ? undefined
    : problem('EMERGENCY_LOCATION_TOO_COARSE', 'emergencyLocation must name the township or village where the emergency happened', 'emergencyLocation');
}

function applicantProblem(c: ApplyForTemporaryAssistance): Check {
  const nameMissing = required(c.applicant?.name, 'APPLICANT_NAME_REQUIRED', 'applicant.name', "The applicant's name");
  if (nameMissing) return nameMissing;
  const id = c.applicant.residentId;
  if (id !== undefined) {
    const idProblem = residentIdProblem(id.toUpperCase());
    if (idProblem) return problem('INVALID_RESIDENT_ID', `Resident ID ${maskResidentId(id)} ${describeResidentIdProblem(idProblem)}`, 'applicant.residentId');
  }
  const account = c.applicant.bankAccount;
  if (account !== undefined && (isBlank(account.accountHolder) || !/^\d{12,30}$/.test(account.accountNumber ?? ''))) {
    return problem('INVALID_PAYEE', 'applicant.bankAccount needs the holder and an account number of 12 to 30 digits', 'applicant.bankAccount');
  }
  if (c.applicant.hukouRegion !== undefined) return regionProblem(c.applicant.hukouRegion, 'applicant.hukouRegion');
  return undefined;
}

function channelProblem(c: ApplyForTemporaryAssistance): Check {
  if (!isOneOf(temporaryChannels, c.channel)) return problem('INVALID_CHANNEL', `channel must be one of ${temporaryChannels.join(', ')}`, 'channel');
  return c.channel === 'lead' ? required(c.leadId, 'LEAD_ID_REQUIRED', 'leadId', 'The lead the case was raised from') : undefined;
}
