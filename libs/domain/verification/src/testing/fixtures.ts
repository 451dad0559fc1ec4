/**
 * Test data for this library's specs (not exported from the index): the Taizhou 2025 policy as
 * config/regional-policies.yaml has it, residents with valid GB 11643 IDs, and builders.
 */
import { checkCharacter, fen, fold, parseRegionCode, parseResidentId, type RegionalPolicy, type ResidentId } from '@sa/domain-shared';
import type { DeclaredIncome, HouseholdMember, HouseholdSnapshot } from '../household';
import type { CountyFact, CountyFactHeader } from '../register/county-facts';
import { emptyResidentRecords, evolveResidentRecords, type ResidentRecords } from '../register/resident-records';

/** taizhou-2025: unified dibao standard 1,190 CNY/person/month (臺政發〔2025〕8號). */
export const taizhou2025: RegionalPolicy = {
  id: 'taizhou-2025',
  region: parseRegionCode('331000'),
  effectiveFrom: '2025-01-01',
  dibaoStandardUrbanFen: fen(119_000),
  dibaoStandardRuralFen: fen(119_000),
  extremePovertyStandardUrbanFen: fen(154_700),
  extremePovertyStandardRuralFen: fen(154_700),
  employmentCostDeductionBp: 3000,
  minimumMonthlyWageFen: fen(249_000),
  excludeResidentBasicPension: true,
  publicNoticeDays: 7,
  confirmationDelegatedToTownship: false,
  gradualExitMonths: 6,
  propertyLimits: { maxVehicles: 0, maxDwellings: 1, maxFinancialAssetsPerCapitaFen: fen(2_856_000), businessRegistrationDisqualifies: true },
  householdCategories: {
    marginalIncomeMultipleBp: 15_000,
    rigidExpenditureMaxMonths: 12,
    singlePersonCoverage: { disabilityGrades: [1, 2], seriousIllness: true },
    sources: {
      marginal: '国办 2023 分层分类: 低于低保标准1.5倍',
      rigidExpenditure: '长民函〔2022〕76号 二(二)',
      singlePersonCoverage: '运民发〔2021〕59号 二(一)',
    },
  },
  pointsAssessment: {
    items: [
      { criterion: 'member-severe-disability', points: 20 },
      { criterion: 'member-other-disability', points: 10 },
      { criterion: 'member-serious-illness', points: 20 },
      { criterion: 'member-no-work-ability', points: 10 },
      { criterion: 'member-student', points: 5 },
      { criterion: 'household-rigid-expenditure', points: 15 },
      { criterion: 'household-no-earned-income', points: 10 },
    ],
    referenceScore: 40,
    source: '长民函〔2022〕76号 二(二): 建立积分评估等辅助认定指标',
  },
};

/** A village in Jiaojiang district, Taizhou. */
export const jiaojiangVillage = parseRegionCode('331002001001');

function residentId(first17: string): ResidentId {
  return parseResidentId(first17 + checkCharacter(first17));
}

export const residents = {
  grandmother: residentId('33100219580612002'),
  father: residentId('33100219851120001'),
  daughter: residentId('33100220130901002'),
  neighbour: residentId('33100219700101003'),
};

export function member(memberId: string, id: ResidentId, overrides: Partial<HouseholdMember> = {}): HouseholdMember {
  return {
    memberId,
    residentId: id,
    relation: 'other',
    workAbility: 'none',
    disabilityGrade: null,
    seriousIllness: false,
    declaredMonthlyIncomes: [],
    ...overrides,
  };
}

export const income = (kind: DeclaredIncome['kind'], yuanFen: number, extra: Partial<DeclaredIncome> = {}): DeclaredIncome => ({
  kind,
  monthlyFen: fen(yuanFen),
  ...extra,
});

/** The worked example's household: three members, the father earns 1,800 CNY a month. */
export function householdOfThree(fatherIncomes: readonly DeclaredIncome[] = [income('wage', 180_000, { source: '台州某鞋厂' })]): HouseholdSnapshot {
  return {
    members: [
      member('m-grandmother', residents.grandmother, { relation: 'parent' }),
      member('m-father', residents.father, { relation: 'applicant', workAbility: 'full', declaredMonthlyIncomes: fatherIncomes }),
      member('m-daughter', residents.daughter, { relation: 'child' }),
    ],
    declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: fen(1_000_000), businessRegistrations: 0 },
    rigidExpenditures: [],
  };
}

let sequence = 0;
function header(id: ResidentId, messageId?: string): CountyFactHeader {
  sequence += 1;
  return { messageId: messageId ?? `msg-${sequence}`, residentId: id, recordedAt: '2025-03-08T02:10:00Z' };
}

export const facts = {
  death: (id: ResidentId, dateOfDeath: string, messageId?: string): CountyFact => ({
    type: 'ResidentDeathReported',
    data: { ...header(id, messageId), dateOfDeath, reportedAt: `${dateOfDeath}T10:00:00+08:00` },
  }),
  vehicle: (id: ResidentId, registeredOn = '2019-07-15', deregisteredOn?: string, messageId?: string): CountyFact => ({
    type: 'VehicleRegistrationReported',
    data: { ...header(id, messageId), plateNumber: '浙J·12345', vehicleType: '小型普通客车', registeredOn, ...(deregisteredOn ? { deregisteredOn } : {}) },
  }),
  property: (id: ResidentId, propertyId: string, acquiredOn = '2005-05-20'): CountyFact => ({
    type: 'PropertyRegistrationReported',
    data: { ...header(id), propertyId, region: parseRegionCode('331002001'), floorAreaSqm: '56.30', acquiredOn },
  }),
  pension: (
    id: ResidentId,
    scheme: 'resident-basic' | 'employee-basic' | 'other',
    monthlyAmountFen: number,
    fromMonth = '2018-07',
    toMonth?: string,
  ): CountyFact => ({
    type: 'PensionBenefitReported',
    data: { ...header(id), scheme, monthlyAmountFen: fen(monthlyAmountFen), fromMonth, ...(toMonth ? { toMonth } : {}) },
  }),
  unemployment: (id: ResidentId, monthlyAmountFen: number, fromMonth: string, toMonth?: string): CountyFact => ({
    type: 'UnemploymentBenefitReported',
    data: { ...header(id), monthlyAmountFen: fen(monthlyAmountFen), fromMonth, ...(toMonth ? { toMonth } : {}) },
  }),
  wage: (id: ResidentId, monthlyWageFen: number, month: string, employer = '台州某鞋厂', messageId?: string): CountyFact => ({
    type: 'WageRecordReported',
    data: { ...header(id, messageId), employer, monthlyWageFen: fen(monthlyWageFen), month },
  }),
  business: (id: ResidentId, registeredOn = '2021-03-01', deregisteredOn?: string): CountyFact => ({
    type: 'BusinessRegistrationReported',
    data: {
      ...header(id),
      unifiedSocialCreditCode: '92331002MA2ABCDE1X',
      businessName: '椒江区某便利店',
      registeredOn,
      ...(deregisteredOn ? { deregisteredOn } : {}),
    },
  }),
  disability: (id: ResidentId, grade: 1 | 2 | 3 | 4, registeredOn = '2024-11-02'): CountyFact => ({
    type: 'DisabilityRegistrationReported',
    data: { ...header(id), grade, category: 'physical', registeredOn },
  }),
  seriousIllness: (id: ResidentId, diagnosedOn = '2025-02-20'): CountyFact => ({
    type: 'SeriousIllnessReported',
    data: { ...header(id), diseaseCategory: '恶性肿瘤', diagnosedOn },
  }),
  largeMedicalBill: (id: ResidentId, outOfPocketFen: number): CountyFact => ({
    type: 'LargeMedicalBillReported',
    data: { ...header(id), outOfPocketFen: fen(outOfPocketFen), periodFrom: '2024-03-01', periodTo: '2025-02-28' },
  }),
  disaster: (id: ResidentId, occurredOn = '2025-07-08'): CountyFact => ({
    type: 'DisasterVictimReported',
    data: { ...header(id), disasterType: 'flood', occurredOn, lossFen: fen(2_000_000) },
  }),
};

/** One resident's records after the given facts. */
export function recordsOf(id: ResidentId, ...countyFacts: CountyFact[]): ResidentRecords {
  return fold({ initialState: emptyResidentRecords(id), evolve: evolveResidentRecords }, countyFacts);
}
