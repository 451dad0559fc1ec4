/**
 * Opening a case. The application (from intake) and the economic check (from verification) arrive
 * on different topics in either order: the first one waits in the stream, the second opens the case.
 * Later checks (re-investigation) are recorded on the open case.
 */
import { accept, type Decision, type RegionCode } from '@sa/domain-shared';
import type { OpenCase, ReceiveApplication, RecordEconomicCheck } from './commands';
import type { CaseEvent } from './events';
import { isRejection, undecidedCase } from './guards';
import { problem, refuse, type ApprovalRejection } from './rejections';
import type { CaseFacts, CaseState, UnopenedCase } from './state';
import type { BankAccount, CaseMember, CheckOutcome, SinglePersonOf } from './values';
import {
  actorProblem,
  fenAmountProblem,
  firstInList,
  firstOf,
  flagProblem,
  idProblem,
  instantProblem,
  isBlank,
  programmeProblem,
  reasonsProblem,
  regionCodeOf,
  regionProblem,
  residentIdProblemAt,
  textProblem,
} from './validation';

type Check = ApprovalRejection | undefined;

export function decideOpenCase(command: OpenCase, state: CaseState): Decision<CaseEvent> {
  const invalid = applicationProblem(command) ?? checkProblem(command.check, 'check') ?? instantProblem(command.openedAt, 'openedAt');
  if (invalid) return refuse(invalid);
  if (state.phase !== 'not-opened') return refuse(alreadyOpened);
  return accept(caseOpened(applicationFacts(command), command.check, command.openedAt));
}

/** The application arrived: the case opens if its check is already here, otherwise the application waits. */
export function decideReceiveApplication(command: ReceiveApplication, state: CaseState): Decision<CaseEvent> {
  const invalid = applicationProblem(command) ?? instantProblem(command.receivedAt, 'receivedAt');
  if (invalid) return refuse(invalid);
  if (state.phase !== 'not-opened') return refuse(alreadyOpened);
  if (state.withdrawn) return refuse(withdrawnBeforeOpening);
  if (state.application) return refuse(problem('APPLICATION_ALREADY_RECEIVED', 'the application of this case has already arrived', 'applicationId'));
  const facts = applicationFacts(command);
  if (state.pendingCheck) return accept(caseOpened(facts, state.pendingCheck, command.receivedAt));
  return accept({ type: 'ApplicationReceived', data: { ...facts, receivedAt: command.receivedAt } });
}

export function decideRecordEconomicCheck(command: RecordEconomicCheck, state: CaseState): Decision<CaseEvent> {
  const invalid = idProblem(command.applicationId, 'applicationId') ?? checkProblem(command.check, 'check') ?? instantProblem(command.recordedAt, 'recordedAt');
  if (invalid) return refuse(invalid);
  if (state.phase === 'not-opened') return checkBeforeOpening(command, state);
  const current = undecidedCase(state, command.applicationId);
  if (isRejection(current)) return refuse(current);
  if (current.checkIds.includes(command.check.checkId)) {
    return refuse(problem('CHECK_ALREADY_RECORDED', 'this check is already on the case; a re-investigation needs a new check', 'check.checkId'));
  }
  const { applicationId, check, recordedAt } = command;
  return accept({ type: 'EconomicCheckRecorded', data: { applicationId, check, recordedAt } });
}

/** A check before the case is open: it opens the case when the application is here, otherwise it waits (the latest check counts). */
function checkBeforeOpening(command: RecordEconomicCheck, state: UnopenedCase): Decision<CaseEvent> {
  const { applicationId, check, recordedAt } = command;
  if (state.withdrawn) return refuse(withdrawnBeforeOpening);
  if (state.pendingCheck?.checkId === check.checkId) return refuse(problem('CHECK_ALREADY_RECORDED', 'this check has already arrived', 'check.checkId'));
  if (!state.application) return accept({ type: 'EconomicCheckRecorded', data: { applicationId, check, recordedAt } });
  if (state.application.applicationId !== applicationId)
    return refuse(problem('WRONG_CASE', `this stream holds case ${state.application.applicationId}`, 'applicationId'));
  return accept(caseOpened(state.application, check, recordedAt));
}

const withdrawnBeforeOpening = problem('CASE_ALREADY_DECIDED', 'the application was withdrawn before the case opened', 'applicationId');
const alreadyOpened = problem('CASE_ALREADY_OPENED', 'a case is already open for this application', 'applicationId');

type ApplicationFacts = Omit<OpenCase, 'type' | 'check' | 'openedAt'>;

/** Fields are picked one by one so nothing a caller adds to the command leaks into the history. */
function applicationFacts(c: ApplicationFacts): CaseFacts {
  return {
    applicationId: c.applicationId,
    programme: c.programme,
    region: regionCodeOf(c.region) as RegionCode,
    members: c.members.map(({ memberId, residentId, name }) => ({ memberId, residentId: residentId.trim().toUpperCase(), name })),
    applicantMemberId: c.applicantMemberId,
    ...(c.applicantPhone === undefined ? {} : { applicantPhone: c.applicantPhone }),
    bankAccount: { bankName: c.bankAccount.bankName, accountHolder: c.bankAccount.accountHolder, accountNumber: c.bankAccount.accountNumber },
    consents: { economicCheck: c.consents.economicCheck, charityReferral: c.consents.charityReferral },
    involvesMinor: c.involvesMinor,
    nearRelative: c.nearRelative,
    applicationTakenBy: c.applicationTakenBy,
    ...(c.singlePersonOf === undefined ? {} : { singlePersonOf: singlePersonOfFacts(c.singlePersonOf) }),
    ...(c.reviewBasis === undefined
      ? {}
      : { reviewBasis: { membersAbleToWork: c.reviewBasis.membersAbleToWork, irregularIncome: c.reviewBasis.irregularIncome } }),
  };
}

function singlePersonOfFacts(s: SinglePersonOf): SinglePersonOf {
  return { householdApplicationId: s.householdApplicationId, memberId: s.memberId, ground: s.ground };
}

function caseOpened(facts: CaseFacts, check: CheckOutcome, openedAt: string): CaseEvent {
  return { type: 'CaseOpened', data: { ...facts, check, openedAt } };
}

function applicationProblem(c: ApplicationFacts): Check {
  return firstOf(
    () => idProblem(c.applicationId, 'applicationId'),
    () => programmeProblem(c.programme, 'programme'),
    () => regionProblem(c.region, 'region'),
    () => membersProblem(c.members, c.applicantMemberId),
    () =>
      c.applicantPhone === undefined || /^[0-9+\- ]{5,20}$/.test(c.applicantPhone)
        ? undefined
        : problem('INVALID_PHONE', 'must be 5 to 20 digits, spaces, + or -', 'applicantPhone'),
    () => bankAccountProblem(c.bankAccount),
    () => flagProblem(c.consents?.economicCheck, 'consents.economicCheck'),
    () => flagProblem(c.consents?.charityReferral, 'consents.charityReferral'),
    () => flagProblem(c.involvesMinor, 'involvesMinor'),
    () => flagProblem(c.nearRelative, 'nearRelative'),
    () => actorProblem(c.applicationTakenBy, 'applicationTakenBy'),
    () => (c.singlePersonOf === undefined ? undefined : singlePersonOfProblem(c.singlePersonOf, c.members)),
  );
}

/** A 单人保 case covers exactly the one member it names, for a stated ground and a whole-fen gap. */
function singlePersonOfProblem(s: SinglePersonOf, members: readonly CaseMember[] | undefined): Check {
  return firstOf(
    () => idProblem(s.householdApplicationId, 'singlePersonOf.householdApplicationId'),
    () =>
      members?.length === 1 && members[0]?.memberId === s.memberId
        ? undefined
        : problem('SINGLE_PERSON_CASE_MEMBERS', 'a single-person case (单人保) covers exactly the member it names', 'singlePersonOf.memberId'),
    () =>
      ['severe-disability', 'serious-illness'].includes(s.ground)
        ? undefined
        : problem('INVALID_CHECK', 'must be severe-disability or serious-illness', 'singlePersonOf.ground'),
  );
}

export function membersProblem(members: readonly CaseMember[] | undefined, applicantMemberId: string): Check {
  if (!members || members.length === 0 || members.length > 30) return problem('HOUSEHOLD_MEMBERS_REQUIRED', 'must list 1 to 30 members covered', 'members');
  const found = firstInList(members, (m, i) =>
    firstOf(
      () => (isBlank(m.memberId) ? problem('TEXT_REQUIRED', 'must not be empty', `members[${i}].memberId`) : undefined),
      () => residentIdProblemAt(m.residentId, `members[${i}].residentId`),
      () => textProblem(m.name, `members[${i}].name`, 100),
    ),
  );
  if (found) return found;
  return members.some((m) => m.memberId === applicantMemberId)
    ? undefined
    : problem('APPLICANT_NOT_A_MEMBER', 'must be the memberId of one of the members', 'applicantMemberId');
}

export function bankAccountProblem(account: BankAccount | undefined): Check {
  if (!account) return problem('INVALID_BANK_ACCOUNT', 'is required', 'bankAccount');
  return (
    textProblem(account.bankName, 'bankAccount.bankName', 100) ??
    textProblem(account.accountHolder, 'bankAccount.accountHolder', 100) ??
    (/^\d{8,30}$/.test(account.accountNumber ?? '') ? undefined : problem('INVALID_BANK_ACCOUNT', 'must be 8 to 30 digits', 'bankAccount.accountNumber'))
  );
}

/** An ineligible finding must say why; the figures must be whole fen so an auditor can recompute them. */
export function checkProblem(check: CheckOutcome | undefined, field: string): Check {
  if (!check) return problem('INVALID_CHECK', 'is required', field);
  const size = check.householdSize;
  return firstOf(
    () => (isBlank(check.checkId) ? problem('INVALID_CHECK', 'must not be empty', `${field}.checkId`) : undefined),
    () => (typeof check.eligible === 'boolean' ? undefined : problem('INVALID_CHECK', 'must be true or false', `${field}.eligible`)),
    () => reasonsProblem(check.ineligibilityReasons, `${field}.ineligibilityReasons`, !check.eligible),
    () => (isBlank(check.policyId) ? problem('INVALID_CHECK', 'must name the policy version applied', `${field}.policyId`) : undefined),
    () => fenAmountProblem(check.standardFen, `${field}.standardFen`, true),
    () => fenAmountProblem(check.countedMonthlyIncomeFen, `${field}.countedMonthlyIncomeFen`, false),
    () => fenAmountProblem(check.perCapitaMonthlyIncomeFen, `${field}.perCapitaMonthlyIncomeFen`, false),
    () =>
      Number.isInteger(size) && size >= 1 && size <= 30 ? undefined : problem('INVALID_CHECK', 'must be a whole number from 1 to 30', `${field}.householdSize`),
    () => actorProblem(check.investigatedBy, `${field}.investigatedBy`),
    () => instantProblem(check.assessedAt, `${field}.assessedAt`),
  );
}
