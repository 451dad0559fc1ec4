/**
 * What the household declares for the economic check's rules beyond incomes and assets: rigid
 * expenditures (刚性支出), obliged supporters outside the household (赡养/抚养/扶养义务人) with the
 * support they pay, and a request to waive that support (支出型困难家庭, 运民发〔2021〕59号 二(一)).
 * Members are referred to by resident ID, because member ids may be issued by the service.
 */
import { describeResidentIdProblem, isFenWithin, maskResidentId, maxAssetValueFen, maxMonthlyAmountFen, residentIdProblem } from '@sa/domain-shared';
import { problem, type IntakeRejection } from '../rejections';
import { firstProblem, isBlank, isFenAmount, isOneOf, normaliseResidentId } from '../validation';

export const rigidExpenditureKinds = ['medical', 'disability', 'education'] as const;
export const supporterRelations = ['child', 'parent', 'spouse', 'sibling', 'grandchild', 'grandparent', 'other'] as const;

export interface RigidExpenditureDeclaration {
  readonly memberResidentId: string;
  readonly kind: (typeof rigidExpenditureKinds)[number];
  /** Monthly amount, integer fen. */
  readonly monthlyFen: number;
  /** First month (YYYY-MM) and number of months it lasts. */
  readonly fromMonth: string;
  readonly months: number;
  /** Receipt, hospital bill or school notice. */
  readonly evidenceReference: string;
}

export interface ObligedSupporterDeclaration {
  readonly name: string;
  readonly residentId: string;
  readonly relation: (typeof supporterRelations)[number];
  /** The member the support is paid to. */
  readonly supportsMemberResidentId: string;
  readonly monthlySupportFen: number;
}

/** Declarations for the check's rules; absent on applications taken before they were asked. */
export interface EconomicDeclarations {
  readonly rigidExpenditures?: readonly RigidExpenditureDeclaration[];
  readonly obligedSupporters?: readonly ObligedSupporterDeclaration[];
  /** The household asks that support not be counted (支出型); the township files it or not. */
  readonly supportWaiverRequest?: { readonly reason: string };
}

export function normaliseDeclarations<T extends EconomicDeclarations>(d: T): T {
  return {
    ...d,
    ...(d.rigidExpenditures
      ? { rigidExpenditures: d.rigidExpenditures.map((e) => ({ ...e, memberResidentId: normaliseResidentId(e.memberResidentId) })) }
      : {}),
    ...(d.obligedSupporters
      ? {
          obligedSupporters: d.obligedSupporters.map((s) => ({
            ...s,
            residentId: normaliseResidentId(s.residentId),
            supportsMemberResidentId: normaliseResidentId(s.supportsMemberResidentId),
          })),
        }
      : {}),
  };
}

function memberReference(value: string, members: ReadonlySet<string>, field: string): IntakeRejection | undefined {
  if (members.has(value)) return undefined;
  return problem('UNKNOWN_HOUSEHOLD_MEMBER', `Resident ${maskResidentId(value)} is not a member of this household`, field);
}

function amountProblem(value: number, ceiling: number, field: string, what: string): IntakeRejection | undefined {
  if (isFenAmount(value) && isFenWithin(value, ceiling) && value > 0) return undefined;
  return problem('INVALID_AMOUNT', `${what} must be a whole, positive number of fen, at most ${ceiling}`, field);
}

function rigidProblem(e: RigidExpenditureDeclaration, members: ReadonlySet<string>, path: string): IntakeRejection | undefined {
  if (!isOneOf(rigidExpenditureKinds, e.kind))
    return problem('INVALID_RIGID_EXPENDITURE', `Kind must be one of ${rigidExpenditureKinds.join(', ')}`, `${path}.kind`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(e.fromMonth)) return problem('INVALID_RIGID_EXPENDITURE', 'fromMonth must be a month YYYY-MM', `${path}.fromMonth`);
  if (!Number.isSafeInteger(e.months) || e.months < 1 || e.months > 120) {
    return problem('INVALID_RIGID_EXPENDITURE', 'months must be a whole number from 1 to 120 (the policy decides how many are recognised)', `${path}.months`);
  }
  if (isBlank(e.evidenceReference))
    return problem('INVALID_RIGID_EXPENDITURE', 'A rigid expenditure needs its evidence (receipt, bill, notice)', `${path}.evidenceReference`);
  return (
    memberReference(e.memberResidentId, members, `${path}.memberResidentId`) ??
    amountProblem(e.monthlyFen, maxMonthlyAmountFen, `${path}.monthlyFen`, 'monthlyFen')
  );
}

function supporterProblem(s: ObligedSupporterDeclaration, members: ReadonlySet<string>, path: string): IntakeRejection | undefined {
  if (isBlank(s.name)) return problem('INVALID_SUPPORTER', 'A supporter needs a name', `${path}.name`);
  const idProblem = residentIdProblem(s.residentId);
  if (idProblem)
    return problem('INVALID_RESIDENT_ID', `Resident ID ${maskResidentId(s.residentId)} ${describeResidentIdProblem(idProblem)}`, `${path}.residentId`);
  if (members.has(s.residentId)) {
    return problem(
      'INVALID_SUPPORTER',
      'An obliged supporter outside the household cannot be one of its members (declare their income as a member instead)',
      `${path}.residentId`,
    );
  }
  if (!isOneOf(supporterRelations, s.relation))
    return problem('INVALID_SUPPORTER', `Relation must be one of ${supporterRelations.join(', ')}`, `${path}.relation`);
  if (!(isFenAmount(s.monthlySupportFen) && isFenWithin(s.monthlySupportFen, maxMonthlyAmountFen))) {
    return problem(
      'INVALID_AMOUNT',
      `monthlySupportFen must be a whole, non-negative number of fen, at most ${maxMonthlyAmountFen}`,
      `${path}.monthlySupportFen`,
    );
  }
  return memberReference(s.supportsMemberResidentId, members, `${path}.supportsMemberResidentId`);
}

/** Expects normalised declarations and members' resident IDs. */
export function declarationsProblem(d: EconomicDeclarations, memberResidentIds: readonly string[], path: string): IntakeRejection | undefined {
  const members = new Set(memberResidentIds);
  if (d.supportWaiverRequest && isBlank(d.supportWaiverRequest.reason)) {
    return problem('INVALID_SUPPORTER', 'A support-waiver request must say why (the hardship the spending causes)', `${path}.supportWaiverRequest.reason`);
  }
  const ceilingCheck = (d.rigidExpenditures ?? []).some((e) => isFenAmount(e.monthlyFen) && e.monthlyFen * e.months > maxAssetValueFen);
  if (ceilingCheck) return problem('INVALID_AMOUNT', 'A rigid expenditure over its months must stay within the money bounds', `${path}.rigidExpenditures`);
  return (
    firstProblem(d.rigidExpenditures ?? [], (e, i) => rigidProblem(e, members, `${path}.rigidExpenditures[${i}]`)) ??
    firstProblem(d.obligedSupporters ?? [], (s, i) => supporterProblem(s, members, `${path}.obligedSupporters[${i}]`))
  );
}
