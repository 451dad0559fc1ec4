/**
 * 信息比对: what the household declared against what departments report. Concealed vehicles,
 * property and businesses disqualify (虚报/隐瞒); income departments report above the declared
 * figure is counted at the department's figure; a member reported dead is not counted; health
 * registrations that differ go to the investigator.
 */
import { addFen, fen, formatYuan, subtractFen, type Fen, type ResidentId } from '@sa/domain-shared';
import type { DeclaredAssets, HouseholdMember, HouseholdSnapshot, IncomeKind } from '../household';
import type { CountySource, PensionScheme } from '../register/county-facts';
import {
  businessesRegisteredOn,
  deathOnOrBefore,
  latestMonthlyWage,
  mostSevereDisabilityOn,
  pensionsPaidIn,
  propertiesHeldOn,
  seriousIllnessesBy,
  unemploymentBenefitsPaidIn,
  vehiclesHeldOn,
} from '../register/records-on-date';
import { emptyResidentRecords, type ResidentRecords } from '../register/resident-records';
import type { DeceasedMember, IncomeItem } from './income-rules';

export type DiscrepancyKind =
  | 'undeclared-vehicle'
  | 'undeclared-property'
  | 'undeclared-business'
  | 'undeclared-wage'
  | 'undeclared-pension'
  | 'undeclared-unemployment-benefit'
  | 'member-deceased'
  | 'disability-registration-differs'
  | 'serious-illness-not-declared';

/** What a discrepancy does to the assessment. */
export type DiscrepancyEffect = 'disqualifying' | 'counted-at-department-figure' | 'member-not-counted' | 'for-review';

export interface Discrepancy {
  readonly memberId: string;
  readonly residentId: ResidentId;
  readonly kind: DiscrepancyKind;
  readonly effect: DiscrepancyEffect;
  readonly declared: string;
  readonly reported: string;
  readonly source: CountySource;
  /** County message ids the finding rests on. */
  readonly factIds: readonly string[];
}

export interface DepartmentAssets {
  readonly vehicles: number;
  readonly dwellings: number;
  readonly businessRegistrations: number;
}

export interface DepartmentComparison {
  readonly discrepancies: readonly Discrepancy[];
  /** Income departments report beyond what was declared, to be counted at their figure. */
  readonly departmentIncomes: readonly IncomeItem[];
  readonly deceased: readonly DeceasedMember[];
  /** Assets registered to members on the day. */
  readonly departmentAssets: DepartmentAssets;
}

/** Wage records older than this many months (counting the assessment month) are not used. A platform choice, not a seed's. */
export const defaultWageLookbackMonths = 6;

export interface ComparisonOptions {
  readonly wageLookbackMonths?: number;
}

const pensionKinds: Record<PensionScheme, IncomeKind> = {
  'resident-basic': 'pension-resident-basic',
  'employee-basic': 'pension-employee',
  other: 'pension-other',
};

function declaredFen(member: HouseholdMember, kinds: readonly IncomeKind[]): Fen {
  return addFen(fen(0), ...member.declaredMonthlyIncomes.filter((i) => kinds.includes(i.kind)).map((i) => i.monthlyFen));
}

interface Finding {
  readonly discrepancy: Discrepancy;
  readonly income: IncomeItem;
}

/** Income reported above the declared figure: a discrepancy, and the difference as a department income item. */
function undeclaredIncome(
  member: HouseholdMember,
  kind: IncomeKind,
  found: { reportedFen: Fen; declaredFen: Fen; label: string; source: string; factIds: readonly string[]; discrepancy: DiscrepancyKind; month: string },
): Finding | undefined {
  if (found.reportedFen <= found.declaredFen) return undefined;
  const discrepancy: Discrepancy = {
    memberId: member.memberId,
    residentId: member.residentId,
    kind: found.discrepancy,
    effect: 'counted-at-department-figure',
    declared: `${found.label} ${formatYuan(found.declaredFen)} yuan/month`,
    reported: `${found.label} ${formatYuan(found.reportedFen)} yuan/month (${found.month})`,
    source: 'hrss',
    factIds: found.factIds,
  };
  const parameters = { departmentMonthlyFen: found.reportedFen, declaredMonthlyFen: found.declaredFen, month: found.month, factIds: found.factIds.join(' ') };
  const income: IncomeItem = {
    memberId: member.memberId,
    kind,
    monthlyFen: subtractFen(found.reportedFen, found.declaredFen),
    origin: 'department',
    source: found.source,
    parameters,
  };
  return { discrepancy, income };
}

function wageFinding(member: HouseholdMember, records: ResidentRecords, month: string, lookback: number): Finding | undefined {
  const wage = latestMonthlyWage(records, month, lookback);
  if (wage === undefined) return undefined;
  return undeclaredIncome(member, 'wage', {
    reportedFen: wage.totalFen,
    declaredFen: declaredFen(member, ['wage', 'happiness-post-wage']),
    label: 'wage',
    source: wage.records.map((w) => w.employer).join(', '),
    factIds: wage.records.map((w) => w.messageId),
    discrepancy: 'undeclared-wage',
    month: wage.month,
  });
}

function pensionFindings(member: HouseholdMember, records: ResidentRecords, month: string): Finding[] {
  const paid = pensionsPaidIn(records, month);
  const schemes = [...new Set(paid.map((p) => p.scheme))];
  return schemes.flatMap((scheme) => {
    const ofScheme = paid.filter((p) => p.scheme === scheme);
    const kind = pensionKinds[scheme];
    const finding = undeclaredIncome(member, kind, {
      reportedFen: addFen(fen(0), ...ofScheme.map((p) => p.monthlyAmountFen)),
      declaredFen: declaredFen(member, [kind]),
      label: `${scheme} pension`,
      source: `${scheme} pension`,
      factIds: ofScheme.map((p) => p.messageId),
      discrepancy: 'undeclared-pension',
      month,
    });
    return finding ? [finding] : [];
  });
}

function unemploymentFinding(member: HouseholdMember, records: ResidentRecords, month: string): Finding | undefined {
  const paid = unemploymentBenefitsPaidIn(records, month);
  if (paid.length === 0) return undefined;
  return undeclaredIncome(member, 'unemployment-benefit', {
    reportedFen: addFen(fen(0), ...paid.map((u) => u.monthlyAmountFen)),
    declaredFen: declaredFen(member, ['unemployment-benefit']),
    label: 'unemployment benefit',
    source: 'unemployment insurance',
    factIds: paid.map((u) => u.messageId),
    discrepancy: 'undeclared-unemployment-benefit',
    month,
  });
}

function incomeFindings(member: HouseholdMember, records: ResidentRecords, day: string, lookback: number): Finding[] {
  const month = day.slice(0, 7);
  const found = [wageFinding(member, records, month, lookback), ...pensionFindings(member, records, month), unemploymentFinding(member, records, month)];
  return found.filter((f): f is Finding => f !== undefined);
}

function healthDiscrepancies(member: HouseholdMember, records: ResidentRecords, day: string): Discrepancy[] {
  const base = { memberId: member.memberId, residentId: member.residentId, effect: 'for-review' as const };
  const found: Discrepancy[] = [];
  const disability = mostSevereDisabilityOn(records, day);
  if (disability && disability.grade !== member.disabilityGrade) {
    const declared = member.disabilityGrade === null ? 'no disability' : `disability grade ${member.disabilityGrade}`;
    const reported = `disability grade ${disability.grade} (${disability.category}) registered ${disability.registeredOn}`;
    found.push({ ...base, kind: 'disability-registration-differs', declared, reported, source: 'disabled-persons', factIds: [disability.messageId] });
  }
  const illnesses = seriousIllnessesBy(records, day);
  if (illnesses.length > 0 && !member.seriousIllness) {
    const reported = `serious illness diagnosed ${illnesses.map((s) => s.diagnosedOn).join(', ')}`;
    found.push({
      ...base,
      kind: 'serious-illness-not-declared',
      declared: 'no serious illness',
      reported,
      source: 'medical-insurance',
      factIds: illnesses.map((s) => s.messageId),
    });
  }
  return found;
}

interface AssetRule {
  readonly kind: DiscrepancyKind;
  readonly noun: string;
  readonly source: CountySource;
  readonly declared: (assets: DeclaredAssets) => number;
  readonly held: (records: ResidentRecords, day: string) => readonly { messageId: string; description: string }[];
}

const assetRules: readonly AssetRule[] = [
  {
    kind: 'undeclared-vehicle',
    noun: 'vehicle',
    source: 'public-security',
    declared: (a) => a.vehicles,
    held: (r, day) => vehiclesHeldOn(r, day).map((v) => ({ messageId: v.messageId, description: `${v.vehicleType} registered ${v.registeredOn}` })),
  },
  {
    kind: 'undeclared-property',
    noun: 'property',
    source: 'housing',
    declared: (a) => a.dwellings,
    held: (r, day) =>
      propertiesHeldOn(r, day).map((p) => ({ messageId: p.messageId, description: `${p.floorAreaSqm} m² in ${p.region} acquired ${p.acquiredOn}` })),
  },
  {
    kind: 'undeclared-business',
    noun: 'business registration',
    source: 'market-regulation',
    declared: (a) => a.businessRegistrations,
    held: (r, day) => businessesRegisteredOn(r, day).map((b) => ({ messageId: b.messageId, description: `${b.businessName} registered ${b.registeredOn}` })),
  },
];

/** The first two descriptions and how many more, so the text stays short enough for a message. */
function listed(descriptions: readonly string[]): string {
  const shown = descriptions.slice(0, 2).join('; ');
  return descriptions.length > 2 ? `${shown}; and ${descriptions.length - 2} more` : shown;
}

/**
 * Assets are declared per household but registered per person: when members hold more than the
 * household declared, every member holding one is named, since which one was concealed cannot be told.
 */
function assetDiscrepancies(rule: AssetRule, household: HouseholdSnapshot, recordsOf: (m: HouseholdMember) => ResidentRecords, day: string) {
  const holdings = household.members.map((member) => ({ member, held: rule.held(recordsOf(member), day) }));
  const total = holdings.reduce((n, h) => n + h.held.length, 0);
  const declared = rule.declared(household.declaredAssets);
  const discrepancies: Discrepancy[] =
    total <= declared
      ? []
      : holdings
          .filter((h) => h.held.length > 0)
          .map(({ member, held }) => ({
            memberId: member.memberId,
            residentId: member.residentId,
            kind: rule.kind,
            effect: 'disqualifying' as const,
            declared: `${declared} ${rule.noun}(s) declared by the household`,
            reported: `${held.length} ${rule.noun}(s) registered to this member: ${listed(held.map((h) => h.description))}`,
            source: rule.source,
            factIds: held.map((h) => h.messageId),
          }));
  return { total, discrepancies };
}

/** Compares the declared household with the department records of its members on the day (YYYY-MM-DD). */
export function compareWithDepartmentRecords(
  household: HouseholdSnapshot,
  departmentRecords: readonly ResidentRecords[],
  day: string,
  options: ComparisonOptions = {},
): DepartmentComparison {
  const lookback = options.wageLookbackMonths ?? defaultWageLookbackMonths;
  const recordsOf = (m: HouseholdMember) => departmentRecords.find((r) => r.residentId === m.residentId) ?? emptyResidentRecords(m.residentId);
  const discrepancies: Discrepancy[] = [];
  const departmentIncomes: IncomeItem[] = [];
  const deceased: DeceasedMember[] = [];
  for (const member of household.members) {
    const records = recordsOf(member);
    const dateOfDeath = deathOnOrBefore(records, day);
    if (dateOfDeath !== undefined) {
      deceased.push({ memberId: member.memberId, dateOfDeath });
      const factIds = records.death ? [records.death.messageId] : [];
      discrepancies.push({
        memberId: member.memberId,
        residentId: member.residentId,
        kind: 'member-deceased',
        effect: 'member-not-counted',
        declared: 'living household member',
        reported: `died ${dateOfDeath}`,
        source: 'public-security',
        factIds,
      });
      continue;
    }
    const findings = incomeFindings(member, records, day, lookback);
    discrepancies.push(...findings.map((f) => f.discrepancy), ...healthDiscrepancies(member, records, day));
    departmentIncomes.push(...findings.map((f) => f.income));
  }
  const [vehicles, dwellings, businesses] = assetRules.map((rule) => assetDiscrepancies(rule, household, recordsOf, day));
  discrepancies.push(...vehicles.discrepancies, ...dwellings.discrepancies, ...businesses.discrepancies);
  const departmentAssets = { vehicles: vehicles.total, dwellings: dwellings.total, businessRegistrations: businesses.total };
  return { discrepancies, departmentIncomes, deceased, departmentAssets };
}
