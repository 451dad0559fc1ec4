/** Households as a county would enter them: valid resident IDs (GB 11643) unique to each run. */
import { randomInt } from 'node:crypto';
import { checkCharacter } from '@sa/domain-shared';

/** A valid resident ID registered in Jiaojiang district (331002), born on the given day. */
export function residentId(birthDate: string): string {
  const first17 = `331002${birthDate.replace(/-/g, '')}${String(randomInt(100, 999))}`;
  return first17 + checkCharacter(first17);
}

export interface MemberSpec {
  readonly name: string;
  readonly relation: 'applicant' | 'spouse' | 'child' | 'parent';
  readonly birthDate: string;
  readonly workAbility: 'full' | 'partial' | 'none';
  readonly wageFen?: number;
}

export function household(members: readonly MemberSpec[], assets: { vehicles?: number } = {}) {
  return {
    members: members.map((m) => ({
      residentId: residentId(m.birthDate),
      name: m.name,
      relation: m.relation,
      birthDate: m.birthDate,
      disabilityGrade: null,
      seriousIllness: false,
      workAbility: m.workAbility,
      declaredMonthlyIncomes: m.wageFen ? [{ kind: 'wage', monthlyFen: m.wageFen }] : [],
    })),
    declaredAssets: { vehicles: assets.vehicles ?? 0, dwellings: 1, financialAssetsFen: 500_000, businessRegistrations: 0 },
    bankAccount: { bankName: '台州银行椒江支行', accountHolder: members[0]?.name ?? '', accountNumber: `62220000${String(randomInt(10_000_000, 99_999_999))}` },
  };
}

export function application(programme: 'dibao' | 'extreme-poverty', region: string, h: ReturnType<typeof household>, charityReferral = true) {
  return {
    programme,
    region,
    applicationLocation: 'hukou',
    channel: 'walk-in',
    household: h,
    consents: { economicCheck: true, charityReferral },
    nearRelative: { declared: false },
  };
}
