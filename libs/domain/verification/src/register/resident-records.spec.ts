import { fold } from '@sa/domain-shared';
import { facts, recordsOf as recordsAfter, residents } from '../testing/fixtures';
import { sourceOf } from './county-facts';
import { factsIn, latestMonthlyWage, vehiclesHeldOn } from './records-on-date';
import { emptyResidentRecords, evolveResidentRecords, evolveResidentRegister, hasSeen, recordsOf, residentRegister } from './resident-records';

const { father, grandmother, neighbour } = residents;

describe('resident register (部门数据)', () => {
  it('folds each kind of county fact into the resident’s records', () => {
    const records = recordsAfter(
      father,
      facts.death(father, '2025-04-28'),
      facts.vehicle(father),
      facts.property(father, 'P-1'),
      facts.pension(father, 'employee-basic', 300_000),
      facts.unemployment(father, 180_000, '2025-01'),
      facts.wage(father, 150_000, '2025-02'),
      facts.business(father),
      facts.disability(father, 2),
      facts.seriousIllness(father),
      facts.largeMedicalBill(father, 4_820_000),
      facts.disaster(father),
    );
    expect(records.death?.dateOfDeath).toBe('2025-04-28');
    const lengths = [
      records.vehicles,
      records.properties,
      records.pensions,
      records.unemploymentBenefits,
      records.wages,
      records.businesses,
      records.disabilities,
      records.seriousIllnesses,
      records.largeMedicalBills,
      records.disasters,
    ].map((l) => l.length);
    expect(lengths).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(factsIn(records).map((f) => f.source)).toEqual([
      'public-security',
      'public-security',
      'housing',
      'hrss',
      'hrss',
      'hrss',
      'market-regulation',
      'disabled-persons',
      'medical-insurance',
      'medical-insurance',
      'emergency-management',
    ]);
  });

  it('has no second effect when a county message is redelivered', () => {
    const wage = facts.wage(father, 150_000, '2025-02', '台州某鞋厂', 'rs-gz-1');
    const once = recordsAfter(father, wage);
    expect(hasSeen(once, wage)).toBe(true);
    expect(evolveResidentRecords(once, wage)).toBe(once);
    expect(recordsAfter(father, wage, wage, wage)).toEqual(once);
  });

  it('tells messages of different topics apart even when their ids are equal', () => {
    const records = recordsAfter(father, facts.wage(father, 150_000, '2025-02', 'A', 'same-id'), facts.vehicle(father, '2019-07-15', undefined, 'same-id'));
    expect([records.wages.length, records.vehicles.length]).toEqual([1, 1]);
  });

  it('replaces a registration when the department reports its end, so the vehicle is no longer held', () => {
    const records = recordsAfter(father, facts.vehicle(father, '2019-07-15'), facts.vehicle(father, '2019-07-15', '2023-08-31'));
    expect(records.vehicles).toHaveLength(1);
    expect(records.vehicles[0]?.deregisteredOn).toBe('2023-08-31');
    expect(vehiclesHeldOn(records, '2023-08-30')).toHaveLength(1);
    expect(vehiclesHeldOn(records, '2025-03-10')).toEqual([]);
  });

  it('keeps one wage per employer and month, the latest report winning', () => {
    const records = recordsAfter(
      father,
      facts.wage(father, 150_000, '2025-02'),
      facts.wage(father, 160_000, '2025-02'),
      facts.wage(father, 150_000, '2025-01'),
    );
    expect(records.wages.map((w) => [w.month, w.monthlyWageFen])).toEqual([
      ['2025-02', 160_000],
      ['2025-01', 150_000],
    ]);
    expect(latestMonthlyWage(records, '2025-03', 6)?.totalFen).toBe(160_000);
    expect(latestMonthlyWage(records, '2024-12', 6)).toBeUndefined();
  });

  it('ignores a fact about another resident when folding one resident’s records', () => {
    const records = emptyResidentRecords(father);
    expect(evolveResidentRecords(records, facts.vehicle(neighbour))).toBe(records);
  });

  it('routes facts to residents by resident ID, and gives empty records for residents nobody reported on', () => {
    const vehicle = facts.vehicle(father);
    const register = fold(residentRegister, [vehicle, facts.pension(grandmother, 'resident-basic', 26_000), vehicle]);
    expect(Object.keys(register.residents).sort()).toEqual([father, grandmother].sort());
    expect(evolveResidentRegister(register, vehicle)).toBe(register);
    const [fatherRecords, neighbourRecords] = recordsOf(register, [father, neighbour]);
    expect(fatherRecords?.vehicles).toHaveLength(1);
    expect(neighbourRecords).toEqual(emptyResidentRecords(neighbour));
  });

  it('names the department of every fact type', () => {
    expect(sourceOf('ResidentDeathReported')).toBe('public-security');
    expect(sourceOf('LargeMedicalBillReported')).toBe('medical-insurance');
  });

  it('is plain JSON', () => {
    const register = fold(residentRegister, [facts.vehicle(father), facts.death(grandmother, '2025-01-05')]);
    expect(JSON.parse(JSON.stringify(register))).toEqual(register);
  });
});
