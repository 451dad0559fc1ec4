/**
 * application-submitted v2's declarations as the check's inputs: a rigid expenditure declared as a
 * monthly amount over months becomes the spending over its period (monthly × months, so the rules
 * spread it back to exactly the monthly amount), referring to its member by member id; an obliged
 * supporter gets an id within the application (`supporter-1`, …) and no status yet — the runner
 * adds what the platform's caseload or the county records say, and the investigator may record one.
 */
import { fen, parseResidentId } from '@sa/domain-shared';
import type { HouseholdMember, HouseholdSnapshot, ObligedSupporterRecord, RigidExpenditure } from '@sa/domain-verification';
import type { ApplicationSubmittedPayload, ApplicationSubmittedV2Payload } from './application-payloads';

type Declarations = Pick<HouseholdSnapshot, 'rigidExpenditures' | 'obligedSupporters' | 'supportWaiverRequested'>;

const hasDeclarations = (h: ApplicationSubmittedPayload['household']): h is ApplicationSubmittedV2Payload['household'] =>
  'rigidExpenditures' in h || 'obligedSupporters' in h || 'supportWaiverRequest' in h;

export function declarationsOf(household: ApplicationSubmittedPayload['household'], members: readonly HouseholdMember[]): Partial<Declarations> {
  if (!hasDeclarations(household)) return {};
  const memberIdOf = new Map<string, string>(members.map((m) => [m.residentId, m.memberId]));
  const rigidExpenditures: RigidExpenditure[] = (household.rigidExpenditures ?? []).flatMap((e, i) => {
    const memberId = memberIdOf.get(e.memberResidentId.toUpperCase());
    if (!memberId) return [];
    return [
      {
        expenditureId: `declared-${i + 1}`,
        memberId,
        kind: e.kind,
        amountFen: fen(e.monthlyFen * e.months),
        periodMonths: e.months,
        fromMonth: e.fromMonth,
        evidenceReference: e.evidenceReference,
        recordedBy: 'declared' as const,
      },
    ];
  });
  const obligedSupporters: ObligedSupporterRecord[] = (household.obligedSupporters ?? []).flatMap((s, i) => {
    const supportsMemberId = memberIdOf.get(s.supportsMemberResidentId.toUpperCase());
    if (!supportsMemberId) return [];
    return [
      {
        supporterId: `supporter-${i + 1}`,
        residentId: parseResidentId(s.residentId),
        relation: s.relation,
        supportsMemberId,
        monthlySupportFen: fen(s.monthlySupportFen),
      },
    ];
  });
  return {
    rigidExpenditures,
    ...(obligedSupporters.length > 0 ? { obligedSupporters } : {}),
    ...(household.supportWaiverRequest ? { supportWaiverRequested: true } : {}),
  };
}
