import { checkCharacter, fen, fold, parseRegionCode, parseResidentId } from '@sa/domain-shared';
import { emptyResidentRecords, evolveResidentRecords, type HouseholdSnapshot, type ObligedSupporterRecord } from '@sa/domain-verification';
import { withFoundStatuses, type SupporterSources } from './supporter-status';

const id = (n: number) => {
  const first17 = `3310021990010${n}001`;
  return parseResidentId(first17 + checkCharacter(first17));
};
const supporter = id(1);
const base: ObligedSupporterRecord = {
  supporterId: 'supporter-1',
  residentId: supporter,
  relation: 'child',
  supportsMemberId: 'm-1',
  monthlySupportFen: fen(50_000),
};
const household = (s: ObligedSupporterRecord = base): HouseholdSnapshot => ({
  members: [],
  declaredAssets: { vehicles: 0, dwellings: 0, financialAssetsFen: fen(0), businessRegistrations: 0 },
  rigidExpenditures: [],
  obligedSupporters: [s],
});
const countyStatus = (toDate?: string) =>
  fold({ initialState: emptyResidentRecords(supporter), evolve: evolveResidentRecords }, [
    {
      type: 'AssistanceStatusReported' as const,
      data: {
        messageId: 'mz-1',
        residentId: supporter,
        recordedAt: '2026-01-01T00:00:00Z',
        status: 'low-income' as const,
        issuingRegion: parseRegionCode('330106'),
        fromDate: '2025-07-01',
        ...(toDate ? { toDate } : {}),
      },
    },
  ]);
const sources = (over: Partial<SupporterSources> = {}): SupporterSources => ({ live: new Map(), county: new Map(), day: '2026-03-10', ...over });
const statusOf = (h: HouseholdSnapshot) => h.obligedSupporters?.[0]?.status;

describe('an obliged supporter’s own status, found automatically', () => {
  it('given a live dibao entitlement in the caseload, then dibao from platform-caseload with the entitlement as reference', () => {
    const live = new Map([[supporter as string, { applicationId: 'a-1', entitlementId: 'e-1', programme: 'dibao' as const }]]);
    expect(statusOf(withFoundStatuses(household(), sources({ live })))).toEqual({
      value: 'dibao',
      source: 'platform-caseload',
      reference: 'entitlement e-1 (application a-1)',
    });
  });

  it('given only the county civil-affairs record, then low-income from county-records with the message as reference', () => {
    const county = new Map([[supporter as string, countyStatus()]]);
    expect(statusOf(withFoundStatuses(household(), sources({ county })))).toEqual({
      value: 'low-income',
      source: 'county-records',
      reference: 'civil-affairs message mz-1 (region 330106, from 2025-07-01)',
    });
  });

  it('given a county status that ended before the day, then no status (the support counts)', () => {
    const county = new Map([[supporter as string, countyStatus('2026-01-31')]]);
    expect(statusOf(withFoundStatuses(household(), sources({ county })))).toBeUndefined();
  });

  it('given a status the investigator recorded, then it is kept whatever the caseload says; a found status no longer true is dropped', () => {
    const recorded = { ...base, status: { value: 'not-low-income' as const, source: 'investigator' as const, reference: '入户调查表' } };
    const live = new Map([[supporter as string, { applicationId: 'a-1', entitlementId: 'e-1', programme: 'dibao' as const }]]);
    expect(statusOf(withFoundStatuses(household(recorded), sources({ live })))).toEqual(recorded.status);
    const stale = { ...base, status: { value: 'dibao' as const, source: 'platform-caseload' as const, reference: 'entitlement e-0' } };
    expect(statusOf(withFoundStatuses(household(stale), sources()))).toBeUndefined();
  });
});
