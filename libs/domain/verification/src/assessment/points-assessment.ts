/**
 * 积分评估 (长民函〔2022〕76号 二(二): "建立积分评估等辅助认定指标"): a score from the region's
 * scheme, with one line per point awarded. Auxiliary only: shown to the reviewer, never changes
 * eligibility or the category.
 */
import type { PointsCriterion, RegionalPolicy } from '@sa/domain-shared';
import type { HouseholdMember, RigidExpenditure } from '../household';
import type { RuleTraceEntry } from '../rule-trace';

export interface PointsLine {
  readonly criterion: PointsCriterion;
  readonly memberId: string | null;
  readonly points: number;
}

export interface PointsAssessment {
  readonly score: number;
  readonly referenceScore: number;
  readonly reachesReference: boolean;
  readonly lines: readonly PointsLine[];
  readonly source: string;
  readonly auxiliary: true;
}

type MemberTest = (m: HouseholdMember) => boolean;

const memberTests: Partial<Record<PointsCriterion, MemberTest>> = {
  'member-severe-disability': (m) => m.disabilityGrade === 1 || m.disabilityGrade === 2,
  'member-other-disability': (m) => m.disabilityGrade === 3 || m.disabilityGrade === 4,
  'member-serious-illness': (m) => m.seriousIllness,
  'member-no-work-ability': (m) => m.workAbility === 'none',
  'member-student': (m) => m.student === true,
};

const earned = new Set(['wage-counted', 'happiness-post-wage-above-minimum-counted', 'business-income-counted', 'farming-income-counted']);

export function assessPoints(
  policy: RegionalPolicy,
  members: readonly HouseholdMember[],
  rigid: readonly RigidExpenditure[],
  trace: readonly RuleTraceEntry[],
): PointsAssessment | undefined {
  const scheme = policy.pointsAssessment;
  if (!scheme) return undefined;
  const lines: PointsLine[] = [];
  for (const { criterion, points } of scheme.items) {
    const test = memberTests[criterion];
    if (test) {
      for (const m of members.filter(test)) lines.push({ criterion, memberId: m.memberId, points });
    } else if (
      criterion === 'household-rigid-expenditure'
        ? trace.some((e) => e.rule === 'rigid-expenditure-deducted') && rigid.length > 0
        : !trace.some((e) => earned.has(e.rule) && e.counted)
    ) {
      lines.push({ criterion, memberId: null, points });
    }
  }
  const score = lines.reduce((sum, l) => sum + l.points, 0);
  return { score, referenceScore: scheme.referenceScore, reachesReference: score >= scheme.referenceScore, lines, source: scheme.source, auxiliary: true };
}
