/**
 * The run's applications: households of one to three in villages (村/社区) of 椒江区 township
 * 331002001, every one eligible for dibao (低保) under the Taizhou standard of 1,190.00 a person
 * (config/regional-policies.yaml), so each must end with one entitlement and one payment.
 * Resident IDs are valid (GB 11643) and distinct within the run; each run has its own stores.
 */
import { randomUUID } from 'node:crypto';
import { checkCharacter } from '@sa/domain-shared';

export const villageCount = 10;
export const township = '331002001';
/** Villages 331002001101…110 carry the journey; 331002001199 the recovery probes. */
export const villages = Array.from({ length: villageCount }, (_, i) => `${township}${101 + i}`);
export const probeVillage = `${township}199`;

export interface PlannedApplication {
  readonly applicationId: string;
  readonly region: string;
  readonly residentIds: readonly string[];
  readonly body: Record<string, unknown>;
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Distinct per (base date, index): sequence 100…999, then the next day. */
function residentId(baseDate: string, index: number): { id: string; birthDate: string } {
  const birthDate = addDays(baseDate, Math.floor(index / 900));
  const first17 = `331002${birthDate.replace(/-/g, '')}${String(100 + (index % 900))}`;
  return { id: first17 + checkCharacter(first17), birthDate };
}

const people = [
  { base: '1966-03-01', name: '王建国', relation: 'applicant', workAbility: 'full' },
  { base: '1968-07-01', name: '李秀英', relation: 'spouse', workAbility: 'none' },
  { base: '2012-05-01', name: '王小明', relation: 'child', workAbility: 'none' },
] as const;

/** Application `index` of the run; `kind` keeps probes' residents apart from the journey's. */
export function plannedApplication(index: number, region: string, kind: 'journey' | 'probe' = 'journey'): PlannedApplication {
  const size = 1 + (index % 3);
  const offset = kind === 'probe' ? 1500 : 0; // probe residents are born days later: never the same person
  const members = people.slice(0, size).map((p, j) => {
    const { id, birthDate } = residentId(p.base, index + offset);
    // One wage of 500.00…1,400.00 a month: below the standard even for a household of one after the 30% work allowance.
    const wage = j === 0 ? [{ kind: 'wage', monthlyFen: 50_000 + (index % 10) * 10_000 }] : [];
    return {
      residentId: id,
      name: p.name,
      relation: p.relation,
      birthDate,
      disabilityGrade: null,
      seriousIllness: false,
      workAbility: p.workAbility,
      declaredMonthlyIncomes: wage,
    };
  });
  const applicationId = randomUUID();
  return {
    applicationId,
    region,
    residentIds: members.map((m) => m.residentId),
    body: {
      applicationId,
      programme: 'dibao',
      region,
      applicationLocation: 'hukou',
      channel: 'walk-in',
      household: {
        members,
        declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 500_000, businessRegistrations: 0 },
        bankAccount: { bankName: '台州银行椒江支行', accountHolder: '王建国', accountNumber: `62220000${String(10_000_000 + index + offset)}` },
      },
      consents: { economicCheck: true, charityReferral: true },
      nearRelative: { declared: false },
    },
  };
}
