/**
 * What a resident's records say on a given day: registrations not yet ended, benefits paid in the
 * month. Dates are YYYY-MM-DD and months YYYY-MM, so string comparison is date comparison.
 */
import { addFen, fen, monthsBetween, type Fen } from '@sa/domain-shared';
import { sourceOf, type CountyFactType, type CountySource } from './county-facts';
import type {
  BusinessRecord,
  DisabilityRecord,
  PensionRecord,
  PropertyRecord,
  ResidentRecords,
  UnemploymentBenefitRecord,
  VehicleRecord,
  WageRecord,
} from './resident-records';

const heldOn = (from: string, until: string | undefined, day: string) => from <= day && (until === undefined || until > day);
const paidIn = (from: string, to: string | undefined, month: string) => from <= month && (to === undefined || to >= month);

export function vehiclesHeldOn(records: ResidentRecords, day: string): VehicleRecord[] {
  return records.vehicles.filter((v) => heldOn(v.registeredOn, v.deregisteredOn, day));
}

export function propertiesHeldOn(records: ResidentRecords, day: string): PropertyRecord[] {
  return records.properties.filter((p) => heldOn(p.acquiredOn, p.disposedOn, day));
}

export function businessesRegisteredOn(records: ResidentRecords, day: string): BusinessRecord[] {
  return records.businesses.filter((b) => heldOn(b.registeredOn, b.deregisteredOn, day));
}

export function pensionsPaidIn(records: ResidentRecords, month: string): PensionRecord[] {
  return records.pensions.filter((p) => paidIn(p.fromMonth, p.toMonth, month));
}

export function unemploymentBenefitsPaidIn(records: ResidentRecords, month: string): UnemploymentBenefitRecord[] {
  return records.unemploymentBenefits.filter((u) => paidIn(u.fromMonth, u.toMonth, month));
}

/** The date of death when it is on or before the day. */
export function deathOnOrBefore(records: ResidentRecords, day: string): string | undefined {
  return records.death !== null && records.death.dateOfDeath <= day ? records.death.dateOfDeath : undefined;
}

/** The most severe disability registered by the day (grade 1 is the most severe). */
export function mostSevereDisabilityOn(records: ResidentRecords, day: string): DisabilityRecord | undefined {
  return records.disabilities.filter((d) => d.registeredOn <= day).sort((a, b) => a.grade - b.grade)[0];
}

export function seriousIllnessesBy(records: ResidentRecords, day: string) {
  return records.seriousIllnesses.filter((s) => s.diagnosedOn <= day);
}

export interface MonthlyWage {
  readonly month: string;
  readonly totalFen: Fen;
  readonly records: readonly WageRecord[];
}

/**
 * The wage departments report for the latest month on record, from `lookbackMonths` before the
 * month up to the month itself, summed over employers. Wage records arrive a month or two late,
 * so the latest recent month stands for the current wage; older records are left to the
 * investigator rather than counted.
 */
export function latestMonthlyWage(records: ResidentRecords, month: string, lookbackMonths: number): MonthlyWage | undefined {
  const recent = records.wages.filter((w) => w.month <= month && monthsBetween(w.month, month) < lookbackMonths);
  const latest = recent.reduce<string | undefined>((m, w) => (m === undefined || w.month > m ? w.month : m), undefined);
  if (latest === undefined) return undefined;
  const ofMonth = recent.filter((w) => w.month === latest);
  return { month: latest, totalFen: addFen(fen(0), ...ofMonth.map((w) => w.monthlyWageFen)), records: ofMonth };
}

/** A county message a check relied on, as the outbound contract lists it. */
export interface FactReference {
  readonly source: CountySource;
  readonly factId: string;
  readonly recordedAt: string;
}

/** The civil-affairs status a resident holds on a day (the latest that began by then and has not ended), if any. */
export function assistanceStatusOn(records: ResidentRecords, day: string) {
  const held = (records.assistanceStatuses ?? []).filter((s) => s.fromDate <= day && (s.toDate === undefined || s.toDate >= day));
  return held.sort((a, b) => a.fromDate.localeCompare(b.fromDate)).at(-1);
}

/**
 * Every county message folded into the records, with its department. Civil-affairs statuses are not
 * listed: the check reads them only for obliged supporters, whose own records it does not keep.
 */
export function factsIn(records: ResidentRecords): FactReference[] {
  const groups: [CountyFactType, readonly { messageId: string; recordedAt: string }[]][] = [
    ['ResidentDeathReported', records.death === null ? [] : [records.death]],
    ['VehicleRegistrationReported', records.vehicles],
    ['PropertyRegistrationReported', records.properties],
    ['PensionBenefitReported', records.pensions],
    ['UnemploymentBenefitReported', records.unemploymentBenefits],
    ['WageRecordReported', records.wages],
    ['BusinessRegistrationReported', records.businesses],
    ['DisabilityRegistrationReported', records.disabilities],
    ['SeriousIllnessReported', records.seriousIllnesses],
    ['LargeMedicalBillReported', records.largeMedicalBills],
    ['DisasterVictimReported', records.disasters],
  ];
  return groups.flatMap(([type, list]) => list.map((r) => ({ source: sourceOf(type), factId: r.messageId, recordedAt: r.recordedAt })));
}
