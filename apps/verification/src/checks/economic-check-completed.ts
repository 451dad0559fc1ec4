/**
 * CheckCompleted as the outbound contract economicCheckCompletedV1: the figures, the property
 * test, the discrepancies (resident IDs masked), the reasons and the whole rule trace, so approval
 * and an auditor can recompute the counted income from the message alone. Texts are clipped to the
 * contract's lengths: a payload that broke its contract would stop the relay at this event.
 */
import type { economicCheckCompletedV1, IntegrationContract } from '@sa/contracts';
import { maskResidentId } from '@sa/domain-shared';
import type { CheckCompleted, Discrepancy, PointsAssessment, RuleTraceEntry } from '@sa/domain-verification';

type PayloadOf<C> = C extends IntegrationContract<infer P> ? P : never;
export type EconomicCheckCompletedPayload = PayloadOf<typeof economicCheckCompletedV1>;

/** At most `max` characters, marking a cut with an ellipsis. */
export function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

function traceItem(entry: RuleTraceEntry): EconomicCheckCompletedPayload['ruleTrace'][number] {
  return {
    item: clip(entry.item, 200),
    memberId: entry.memberId,
    // The contract's convention: what a counted entry adds, what an excluded entry left out.
    amountFen: entry.counted ? entry.amountAfterFen : entry.amountBeforeFen,
    counted: entry.counted,
    rule: entry.rule,
    basis: clip(entry.basis, 300),
  };
}

function discrepancy(d: Discrepancy): EconomicCheckCompletedPayload['discrepancies'][number] {
  return {
    residentIdMasked: maskResidentId(d.residentId),
    kind: clip(d.kind, 50),
    declared: clip(d.declared, 200),
    reported: clip(d.reported, 200),
    source: d.source,
  };
}

function pointsOf(p: PointsAssessment): NonNullable<EconomicCheckCompletedPayload['pointsAssessment']> {
  const { score, referenceScore, reachesReference, lines, source } = p;
  return { score, referenceScore, reachesReference, lines: lines.slice(0, 300).map((l) => ({ ...l })), source: clip(source, 1000) };
}

export function economicCheckCompleted(data: CheckCompleted['data']): EconomicCheckCompletedPayload {
  const a = data.assessment;
  return {
    applicationId: data.applicationId,
    checkId: data.checkId,
    programme: data.programme,
    region: data.region,
    assessedAt: data.assessedAt,
    policyId: a.policyId,
    standardFen: a.standardFen,
    // The contract counts at least one member; a household whose every member is reported dead
    // (reason no-living-member, income 0) is published with 1.
    householdSize: Math.max(1, a.householdSize),
    countedMonthlyIncomeFen: a.countedMonthlyIncomeFen,
    perCapitaMonthlyIncomeFen: a.perCapitaMonthlyIncomeFen,
    propertyTest: { passed: a.propertyTest.passed, failures: a.propertyTest.failures.map((f) => ({ rule: f.rule, detail: clip(f.detail, 500) })) },
    // The contract's caps; the full lists stay in the event store (GET /checks/:applicationId).
    discrepancies: a.discrepancies.slice(0, 100).map(discrepancy),
    eligible: a.eligible,
    ineligibilityReasons: a.ineligibilityReasons.map((r) => ({ code: r.code, message: clip(r.message, 1000) })),
    ...(a.category
      ? { category: { ...a.category, reason: clip(a.category.reason, 1000), ...(a.category.source ? { source: clip(a.category.source, 1000) } : {}) } }
      : {}),
    ...(a.singlePersonCoverage
      ? {
          singlePersonCoverage: a.singlePersonCoverage.map(({ memberId, ground, memberCountedIncomeFen, monthlyGapFen }) => ({
            memberId,
            ground,
            memberCountedIncomeFen,
            monthlyGapFen,
          })),
        }
      : {}),
    ...(a.pointsAssessment ? { pointsAssessment: pointsOf(a.pointsAssessment) } : {}),
    ruleTrace: a.ruleTrace.map(traceItem),
    departmentFactsSeen: a.departmentFactsSeen.slice(0, 500).map((f) => ({ source: f.source, factId: f.factId, recordedAt: f.recordedAt })),
    ...(data.completedBy ? { investigator: data.completedBy } : {}),
  };
}
