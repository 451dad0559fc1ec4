/**
 * The resident register: county facts folded into per-resident records, keyed by resident ID.
 * A redelivered message (same type and message id) has no second effect. A later message about the
 * same thing (the same plate, property, business, pension spell, wage month) replaces the earlier
 * one, because that is how departments report a deregistration, disposal or correction; county
 * topics are keyed by resident ID, so one resident's messages arrive in order.
 */
import type { ResidentId } from '@sa/domain-shared';
import {
  factKey,
  type AssistanceStatusReported,
  type BusinessRegistrationReported,
  type CountyFact,
  type DisabilityRegistrationReported,
  type DisasterVictimReported,
  type LargeMedicalBillReported,
  type PensionBenefitReported,
  type PropertyRegistrationReported,
  type ResidentDeathReported,
  type SeriousIllnessReported,
  type UnemploymentBenefitReported,
  type VehicleRegistrationReported,
  type WageRecordReported,
} from './county-facts';

export type DeathRecord = ResidentDeathReported['data'];
export type VehicleRecord = VehicleRegistrationReported['data'];
export type PropertyRecord = PropertyRegistrationReported['data'];
export type PensionRecord = PensionBenefitReported['data'];
export type UnemploymentBenefitRecord = UnemploymentBenefitReported['data'];
export type WageRecord = WageRecordReported['data'];
export type BusinessRecord = BusinessRegistrationReported['data'];
export type DisabilityRecord = DisabilityRegistrationReported['data'];
export type SeriousIllnessRecord = SeriousIllnessReported['data'];
export type LargeMedicalBillRecord = LargeMedicalBillReported['data'];
export type DisasterRecord = DisasterVictimReported['data'];
export type AssistanceStatusRecord = AssistanceStatusReported['data'];

/** Everything the departments have reported about one resident. Plain JSON. */
export interface ResidentRecords {
  readonly residentId: ResidentId;
  /** factKey of every message folded in, so a redelivery is recognised. */
  readonly seenFactKeys: readonly string[];
  readonly death: DeathRecord | null;
  readonly vehicles: readonly VehicleRecord[];
  readonly properties: readonly PropertyRecord[];
  readonly pensions: readonly PensionRecord[];
  readonly unemploymentBenefits: readonly UnemploymentBenefitRecord[];
  readonly wages: readonly WageRecord[];
  readonly businesses: readonly BusinessRecord[];
  readonly disabilities: readonly DisabilityRecord[];
  readonly seriousIllnesses: readonly SeriousIllnessRecord[];
  readonly largeMedicalBills: readonly LargeMedicalBillRecord[];
  readonly disasters: readonly DisasterRecord[];
  /** Civil-affairs statuses (absent on records folded before the feed existed). */
  readonly assistanceStatuses?: readonly AssistanceStatusRecord[];
}

export function emptyResidentRecords(residentId: ResidentId): ResidentRecords {
  return {
    residentId,
    seenFactKeys: [],
    death: null,
    vehicles: [],
    properties: [],
    pensions: [],
    unemploymentBenefits: [],
    wages: [],
    businesses: [],
    disabilities: [],
    seriousIllnesses: [],
    largeMedicalBills: [],
    disasters: [],
  };
}

/** Replaces the record with the same natural key (keeping its place), or appends. */
function upsert<T>(list: readonly T[], record: T, key: (r: T) => string): readonly T[] {
  const k = key(record);
  const index = list.findIndex((r) => key(r) === k);
  return index < 0 ? [...list, record] : list.map((r, i) => (i === index ? record : r));
}

function withFact(records: ResidentRecords, fact: CountyFact): ResidentRecords {
  switch (fact.type) {
    case 'ResidentDeathReported':
      return { ...records, death: fact.data };
    case 'VehicleRegistrationReported':
      return { ...records, vehicles: upsert(records.vehicles, fact.data, (r) => r.plateNumber) };
    case 'PropertyRegistrationReported':
      return { ...records, properties: upsert(records.properties, fact.data, (r) => r.propertyId) };
    case 'PensionBenefitReported':
      return { ...records, pensions: upsert(records.pensions, fact.data, (r) => `${r.scheme}/${r.fromMonth}`) };
    case 'UnemploymentBenefitReported':
      return { ...records, unemploymentBenefits: upsert(records.unemploymentBenefits, fact.data, (r) => r.fromMonth) };
    case 'WageRecordReported':
      return { ...records, wages: upsert(records.wages, fact.data, (r) => `${r.employer}/${r.month}`) };
    case 'BusinessRegistrationReported':
      return { ...records, businesses: upsert(records.businesses, fact.data, (r) => r.unifiedSocialCreditCode) };
    case 'DisabilityRegistrationReported':
      return { ...records, disabilities: upsert(records.disabilities, fact.data, (r) => `${r.category}/${r.registeredOn}`) };
    case 'SeriousIllnessReported':
      return { ...records, seriousIllnesses: upsert(records.seriousIllnesses, fact.data, (r) => `${r.diseaseCategory}/${r.diagnosedOn}`) };
    case 'LargeMedicalBillReported':
      return { ...records, largeMedicalBills: upsert(records.largeMedicalBills, fact.data, (r) => `${r.periodFrom}/${r.periodTo}`) };
    case 'DisasterVictimReported':
      return { ...records, disasters: upsert(records.disasters, fact.data, (r) => `${r.disasterType}/${r.occurredOn}`) };
    case 'AssistanceStatusReported':
      return { ...records, assistanceStatuses: upsert(records.assistanceStatuses ?? [], fact.data, (r) => `${r.issuingRegion}/${r.status}/${r.fromDate}`) };
  }
}

/** Whether this message was already folded into the records (a redelivery). */
export function hasSeen(records: ResidentRecords, fact: CountyFact): boolean {
  return records.seenFactKeys.includes(factKey(fact));
}

/**
 * Folds one fact into one resident's records. A fact about another resident leaves them unchanged
 * (route facts with evolveResidentRegister); a redelivered message returns the same object.
 */
export function evolveResidentRecords(records: ResidentRecords, fact: CountyFact): ResidentRecords {
  if (fact.data.residentId !== records.residentId || hasSeen(records, fact)) return records;
  return { ...withFact(records, fact), seenFactKeys: [...records.seenFactKeys, factKey(fact)] };
}

/** The register of every resident the county has reported on. */
export interface ResidentRegister {
  readonly residents: Readonly<Record<string, ResidentRecords>>;
}

export const initialResidentRegister: ResidentRegister = { residents: {} };

export function evolveResidentRegister(register: ResidentRegister, fact: CountyFact): ResidentRegister {
  const id = fact.data.residentId;
  const before = register.residents[id] ?? emptyResidentRecords(id);
  const after = evolveResidentRecords(before, fact);
  return after === before && id in register.residents ? register : { residents: { ...register.residents, [id]: after } };
}

/** For `fold(residentRegister, facts)`. */
export const residentRegister = { initialState: initialResidentRegister, evolve: evolveResidentRegister } as const;

/** The records of the given residents, empty for those nobody reported on: the snapshot a check takes. */
export function recordsOf(register: ResidentRegister, residentIds: readonly ResidentId[]): ResidentRecords[] {
  return residentIds.map((id) => register.residents[id] ?? emptyResidentRecords(id));
}
