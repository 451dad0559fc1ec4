/**
 * Intake's application contract as the check's household (anti-corruption translation): members,
 * declared incomes and assets; from application-submitted v2 also students, rigid expenditures,
 * obliged supporters outside the household and a support-waiver request. A v1 application has none
 * of those, so they start empty and the rules take the cautious reading (support counted).
 */
import { fen, parseRegionCode, parseResidentId, type RegionCode } from '@sa/domain-shared';
import { areaOfRegion, type Area, type HouseholdMember, type HouseholdSnapshot } from '@sa/domain-verification';
import { declarationsOf } from './declarations-from-application';

import type { ApplicationAmendedPayload, ApplicationSubmittedPayload, ApplicationSubmittedV2Payload } from './application-payloads';

export type { ApplicationAmendedPayload, ApplicationSubmittedPayload } from './application-payloads';
type MemberPayload = ApplicationSubmittedV2Payload['household']['members'][number];

function householdMember(m: MemberPayload): HouseholdMember {
  return {
    memberId: m.memberId,
    residentId: parseResidentId(m.residentId),
    relation: m.relation,
    workAbility: m.workAbility,
    disabilityGrade: m.disabilityGrade,
    seriousIllness: m.seriousIllness,
    ...(m.student === undefined ? {} : { student: m.student }),
    declaredMonthlyIncomes: m.declaredMonthlyIncomes.map((i) => ({ kind: i.kind, monthlyFen: fen(i.monthlyFen), ...(i.source ? { source: i.source } : {}) })),
  };
}

function declaredAssets(a: ApplicationSubmittedPayload['household']['declaredAssets']): HouseholdSnapshot['declaredAssets'] {
  return { vehicles: a.vehicles, dwellings: a.dwellings, financialAssetsFen: fen(a.financialAssetsFen), businessRegistrations: a.businessRegistrations };
}

export function householdOf(household: ApplicationSubmittedPayload['household']): HouseholdSnapshot {
  const members = household.members.map(householdMember);
  return { members, declaredAssets: declaredAssets(household.declaredAssets), rigidExpenditures: [], ...declarationsOf(household, members) };
}

/** Where the application is assessed: its region, and urban or rural as the region code says. */
export function placeOf(region: string): { region: RegionCode; area: Area } {
  const code = parseRegionCode(region);
  return { region: code, area: areaOfRegion(code) };
}

/**
 * What an amendment changes for the check: the household (members or declared assets replaced in
 * full) and the place; undefined when it changed nothing the check looks at (a bank account, say).
 */
export function amendmentOfCheck(
  previous: HouseholdSnapshot,
  changes: ApplicationAmendedPayload['changes'],
): { household?: HouseholdSnapshot; region?: RegionCode; area?: Area } | undefined {
  if (!changes.members && !changes.declaredAssets && !changes.region) return undefined;
  const members = changes.members ? changes.members.map(householdMember) : previous.members;
  const memberIds = new Set(members.map((m) => m.memberId));
  const household: HouseholdSnapshot = {
    ...previous,
    members,
    declaredAssets: changes.declaredAssets ? declaredAssets(changes.declaredAssets) : previous.declaredAssets,
    // Spending of a member no longer in the household goes with them.
    rigidExpenditures: previous.rigidExpenditures.filter((e) => memberIds.has(e.memberId)),
    ...(previous.obligedSupporters ? { obligedSupporters: previous.obligedSupporters.filter((s) => memberIds.has(s.supportsMemberId)) } : {}),
  };
  return { household, ...(changes.region ? placeOf(changes.region) : {}) };
}
