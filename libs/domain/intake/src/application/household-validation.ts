/** The rules a declared household must satisfy before intake accepts it. */
import {
  birthDateOf,
  describeResidentIdProblem,
  isFenWithin,
  maskResidentId,
  maxAssetValueFen,
  maxMonthlyAmountFen,
  parseResidentId,
  residentIdProblem,
} from '@sa/domain-shared';
import { problem, type IntakeRejection } from '../rejections';
import { declarationsProblem, normaliseDeclarations } from './economic-declarations';
import { firstProblem, isBlank, isCount, isFenAmount, isOneOf, normaliseResidentId } from '../validation';

// The contracts' bounds (libs/domain/shared money/bounds.ts): what intake accepts, every consumer accepts.
import {
  disabilityGrades,
  incomeKinds,
  relations,
  workAbilities,
  type BankAccount,
  type Consents,
  type DeclaredAssets,
  type DeclaredIncome,
  type Household,
  type HouseholdMember,
  type NearRelativeDeclaration,
} from './household';

/** The contracts carry at most 30 members; a larger "household" is a data-entry error. */
export const maxHouseholdMembers = 30;

export function normaliseMembers(members: readonly HouseholdMember[]): HouseholdMember[] {
  return members.map((member) => ({ ...member, residentId: normaliseResidentId(member.residentId) }));
}

export function normaliseHousehold(household: Household): Household {
  return normaliseDeclarations({ ...household, members: normaliseMembers(household.members) });
}

export function householdProblem(household: Household, path = 'household'): IntakeRejection | undefined {
  return (
    membersProblem(household.members, `${path}.members`) ??
    assetsProblem(household.declaredAssets, `${path}.declaredAssets`) ??
    bankAccountProblem(household.bankAccount, `${path}.bankAccount`) ??
    declarationsProblem(
      household,
      household.members.map((m) => m.residentId),
      path,
    )
  );
}

/** Expects normalised members (see normaliseMembers). */
export function membersProblem(members: readonly HouseholdMember[], path: string): IntakeRejection | undefined {
  if (members.length === 0) return problem('HOUSEHOLD_MEMBERS_REQUIRED', 'A household must list at least one member', path);
  if (members.length > maxHouseholdMembers) {
    return problem('HOUSEHOLD_TOO_LARGE', `A household lists at most ${maxHouseholdMembers} members`, path);
  }
  return firstProblem(members, (member, i) => memberProblem(member, `${path}[${i}]`)) ?? applicantProblem(members, path) ?? duplicateProblem(members, path);
}

function memberProblem(member: HouseholdMember, path: string): IntakeRejection | undefined {
  if (isBlank(member.memberId)) return problem('MEMBER_ID_REQUIRED', 'Each household member needs a member id', `${path}.memberId`);
  if (isBlank(member.name)) return problem('MEMBER_NAME_REQUIRED', 'Each household member needs a name', `${path}.name`);
  return (
    residentIdOf(member, path) ??
    detailsProblem(member, path) ??
    firstProblem(member.declaredMonthlyIncomes, (income, i) => incomeProblem(income, `${path}.declaredMonthlyIncomes[${i}]`))
  );
}

function residentIdOf(member: HouseholdMember, path: string): IntakeRejection | undefined {
  const idProblem = residentIdProblem(member.residentId);
  if (idProblem) {
    return problem('INVALID_RESIDENT_ID', `Resident ID ${maskResidentId(member.residentId)} ${describeResidentIdProblem(idProblem)}`, `${path}.residentId`);
  }
  // A birth date that disagrees with the ID means one of them was mistyped; the message does not repeat either.
  if (member.birthDate !== birthDateOf(parseResidentId(member.residentId))) {
    return problem('BIRTH_DATE_MISMATCH', 'Birth date must equal the birth date in the resident ID (characters 7 to 14)', `${path}.birthDate`);
  }
  return undefined;
}

function detailsProblem(member: HouseholdMember, path: string): IntakeRejection | undefined {
  if (!isOneOf(relations, member.relation)) return problem('INVALID_RELATION', `Relation must be one of ${relations.join(', ')}`, `${path}.relation`);
  if (member.disabilityGrade !== null && !isOneOf(disabilityGrades, member.disabilityGrade)) {
    return problem('INVALID_DISABILITY_GRADE', 'Disability grade must be 1 to 4, or null when none is registered', `${path}.disabilityGrade`);
  }
  if (!isOneOf(workAbilities, member.workAbility)) {
    return problem('INVALID_WORK_ABILITY', `Work ability must be one of ${workAbilities.join(', ')}`, `${path}.workAbility`);
  }
  if (member.student !== undefined && typeof member.student !== 'boolean')
    return problem('INVALID_STUDENT_STATUS', 'student must be true or false', `${path}.student`);
  return undefined;
}

function incomeProblem(income: DeclaredIncome, path: string): IntakeRejection | undefined {
  if (!isOneOf(incomeKinds, income.kind)) return problem('INVALID_INCOME_KIND', `Income kind must be one of ${incomeKinds.join(', ')}`, `${path}.kind`);
  if (!isFenAmount(income.monthlyFen)) return problem('INVALID_AMOUNT', 'Monthly income must be a whole, non-negative number of fen', `${path}.monthlyFen`);
  if (!isFenWithin(income.monthlyFen, maxMonthlyAmountFen)) {
    return problem('INVALID_AMOUNT', `Monthly income must be at most ${maxMonthlyAmountFen} fen (100,000 yuan) per income`, `${path}.monthlyFen`);
  }
  return undefined;
}

function applicantProblem(members: readonly HouseholdMember[], path: string): IntakeRejection | undefined {
  const applicants = members.filter((member) => member.relation === 'applicant').length;
  if (applicants === 1) return undefined;
  return problem('HOUSEHOLD_NEEDS_ONE_APPLICANT', `Exactly one member must have relation "applicant" (found ${applicants})`, path);
}

function duplicateProblem(members: readonly HouseholdMember[], path: string): IntakeRejection | undefined {
  return firstProblem(members, (member, i) => {
    const earlier = members.slice(0, i);
    if (earlier.some((other) => other.residentId === member.residentId)) {
      return problem('DUPLICATE_HOUSEHOLD_MEMBER', `Resident ${maskResidentId(member.residentId)} is listed twice`, `${path}[${i}].residentId`);
    }
    if (earlier.some((other) => other.memberId === member.memberId)) {
      return problem('DUPLICATE_HOUSEHOLD_MEMBER', `Member id ${member.memberId} is used twice`, `${path}[${i}].memberId`);
    }
    return undefined;
  });
}

export function assetsProblem(assets: DeclaredAssets, path: string): IntakeRejection | undefined {
  for (const count of ['vehicles', 'dwellings', 'businessRegistrations'] as const) {
    if (!isCount(assets[count])) return problem('INVALID_ASSET_COUNT', `${count} must be a whole, non-negative number`, `${path}.${count}`);
  }
  if (!isFenAmount(assets.financialAssetsFen)) {
    return problem('INVALID_AMOUNT', 'Financial assets must be a whole, non-negative number of fen', `${path}.financialAssetsFen`);
  }
  if (!isFenWithin(assets.financialAssetsFen, maxAssetValueFen)) {
    return problem('INVALID_AMOUNT', `Financial assets must be at most ${maxAssetValueFen} fen (1,000,000,000 yuan)`, `${path}.financialAssetsFen`);
  }
  return undefined;
}

export function bankAccountProblem(account: BankAccount, path: string): IntakeRejection | undefined {
  if (isBlank(account.bankName)) return problem('INVALID_BANK_ACCOUNT', 'Bank name must not be empty', `${path}.bankName`);
  if (isBlank(account.accountHolder)) return problem('INVALID_BANK_ACCOUNT', 'Account holder must not be empty', `${path}.accountHolder`);
  if (typeof account.accountNumber !== 'string' || !/^\d{8,30}$/.test(account.accountNumber)) {
    return problem('INVALID_BANK_ACCOUNT', 'Account number must be 8 to 30 digits', `${path}.accountNumber`);
  }
  return undefined;
}

export function consentsProblem(consents: Consents, path: string): IntakeRejection | undefined {
  // 逢进必核: without the authorisation to check income and property no case can be approved,
  // so taking the application would only waste the household's time.
  if (consents.economicCheck !== true) {
    return problem('ECONOMIC_CHECK_CONSENT_REQUIRED', 'The household must authorise the economic-status check (核对授权) to apply', `${path}.economicCheck`);
  }
  if (typeof consents.charityReferral !== 'boolean')
    return problem('INVALID_CONSENT', 'Charity-referral consent must be true or false', `${path}.charityReferral`);
  return undefined;
}

export function nearRelativeProblem(declaration: NearRelativeDeclaration, path: string): IntakeRejection | undefined {
  if (!declaration.declared) return undefined;
  for (const field of ['relationToStaff', 'staffName', 'staffPost'] as const) {
    if (isBlank(declaration[field])) {
      return problem(
        'NEAR_RELATIVE_DETAILS_REQUIRED',
        'A near-relative filing (近亲属备案) must name the relation, the staff member and their post',
        `${path}.${field}`,
      );
    }
  }
  return undefined;
}
