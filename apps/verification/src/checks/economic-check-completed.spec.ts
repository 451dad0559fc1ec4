import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { economicCheckCompletedV1, parsePayload } from '@sa/contracts';
import { checkCharacter, fen, parseRegionCode, parseResidentId, type ResidentId } from '@sa/domain-shared';
import {
  assessHouseholdEconomicStatus,
  emptyResidentRecords,
  evolveResidentRecords,
  type CheckCompleted,
  type HouseholdSnapshot,
  type ResidentRecords,
} from '@sa/domain-verification';
import { loadRegionalPolicies } from '@sa/platform';
import { clip, economicCheckCompleted } from './economic-check-completed';

const taizhou = loadRegionalPolicies(join(__dirname, '../../../../config/regional-policies.yaml')).find((p) => p.id === 'taizhou-2025');
const resident = (n: number): ResidentId => {
  const first17 = `3310021980010${n}001`;
  return parseResidentId(first17 + checkCharacter(first17));
};

function household(employer = '台州某鞋厂'): HouseholdSnapshot {
  return {
    members: [1, 2, 3].map((n) => ({
      memberId: randomUUID(),
      residentId: resident(n),
      relation: n === 1 ? 'applicant' : 'child',
      workAbility: 'full',
      disabilityGrade: null,
      seriousIllness: false,
      declaredMonthlyIncomes: n === 1 ? [{ kind: 'wage', monthlyFen: fen(180_000), source: employer }] : [],
    })),
    declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: fen(0), businessRegistrations: 0 },
    rigidExpenditures: [],
  };
}

function completed(h: HouseholdSnapshot, records: ResidentRecords[] = []): CheckCompleted['data'] {
  if (!taizhou) throw new Error('taizhou-2025 is missing from config/regional-policies.yaml');
  const assessment = assessHouseholdEconomicStatus({
    programme: 'dibao',
    area: 'urban',
    assessedOn: '2026-11-23',
    household: h,
    departmentRecords: records,
    policy: taizhou,
  });
  return {
    applicationId: randomUUID(),
    checkId: randomUUID(),
    programme: 'dibao',
    region: parseRegionCode('331002001001'),
    outcome: assessment.eligible ? 'eligible' : 'ineligible',
    reasons: assessment.ineligibilityReasons,
    assessedAt: '2026-11-23T02:00:00.000Z',
    completedAt: '2026-11-23T02:00:01.000Z',
    assessment,
  };
}

describe('CheckCompleted as economicCheckCompletedV1', () => {
  it('publishes the worked example with a trace that adds up under the contract', () => {
    const payload = parsePayload(economicCheckCompletedV1, economicCheckCompleted(completed(household())));
    expect(payload).toMatchObject({ countedMonthlyIncomeFen: 144_300, perCapitaMonthlyIncomeFen: 48_100, householdSize: 3, eligible: true });
    expect(payload.ruleTrace.map((t) => t.amountFen)).toEqual([180_000, -35_700]);
  });

  it('publishes the category, 单人保 and the points score of a marginal household under the contract', () => {
    const h = household();
    const members = h.members.map((m, i) =>
      i === 0
        ? { ...m, declaredMonthlyIncomes: [{ kind: 'farming' as const, monthlyFen: fen(500_000) }] }
        : i === 1
          ? { ...m, disabilityGrade: 1 as const }
          : m,
    );
    const payload = parsePayload(economicCheckCompletedV1, economicCheckCompleted(completed({ ...h, members })));
    expect(payload.category).toMatchObject({ category: 'marginal' });
    expect(payload.category?.source).toMatch(/1.5倍/);
    expect(payload.singlePersonCoverage).toEqual([
      { memberId: members[1]?.memberId, ground: 'severe-disability', memberCountedIncomeFen: 0, monthlyGapFen: 119_000 },
    ]);
    expect(payload.pointsAssessment).toMatchObject({ score: 20, referenceScore: 40, reachesReference: false });
  });

  it('keeps to the contract when every member is reported dead (no-living-member) and when texts are long', () => {
    const h = household('某'.repeat(200));
    const records = h.members.map((m, i) =>
      evolveResidentRecords(emptyResidentRecords(m.residentId), {
        type: 'ResidentDeathReported',
        data: {
          messageId: `gaj-${i}`,
          residentId: m.residentId,
          recordedAt: '2026-11-01T00:00:00.000Z',
          dateOfDeath: '2026-10-30',
          reportedAt: '2026-10-31T08:00:00+08:00',
        },
      }),
    );
    const payload = parsePayload(economicCheckCompletedV1, economicCheckCompleted(completed(h, records)));
    expect(payload).toMatchObject({
      householdSize: 1,
      countedMonthlyIncomeFen: 0,
      eligible: false,
      ineligibilityReasons: [expect.objectContaining({ code: 'no-living-member' })],
    });
    expect(payload.discrepancies.every((d) => /^\d{6}\*{12}$/.test(d.residentIdMasked))).toBe(true);
  });

  it('clips a text to its limit, marking the cut', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcd', 3)).toBe('ab…');
  });
});
