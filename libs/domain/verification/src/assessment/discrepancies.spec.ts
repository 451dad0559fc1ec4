import { facts, householdOfThree, income, recordsOf, residents } from '../testing/fixtures';
import { compareWithDepartmentRecords } from './discrepancies';

const day = '2025-03-10';
const { father, grandmother } = residents;

describe('declared against department data (信息比对)', () => {
  it('finds nothing when departments report what was declared', () => {
    const result = compareWithDepartmentRecords(householdOfThree(), [recordsOf(father, facts.wage(father, 180_000, '2025-02'))], day);
    expect(result.discrepancies).toEqual([]);
    expect(result.departmentIncomes).toEqual([]);
  });

  describe('vehicles, property and businesses', () => {
    it('flags an undeclared vehicle as disqualifying, naming the member and the message', () => {
      const result = compareWithDepartmentRecords(householdOfThree(), [recordsOf(father, facts.vehicle(father, '2019-07-15', undefined, 'gaj-vh-1'))], day);
      expect(result.discrepancies).toEqual([
        {
          memberId: 'm-father',
          residentId: father,
          kind: 'undeclared-vehicle',
          effect: 'disqualifying',
          declared: '0 vehicle(s) declared by the household',
          reported: '1 vehicle(s) registered to this member: 小型普通客车 registered 2019-07-15',
          source: 'public-security',
          factIds: ['gaj-vh-1'],
        },
      ]);
      expect(result.departmentAssets.vehicles).toBe(1);
    });

    it('ignores a vehicle deregistered before the day, and a declared one', () => {
      const deregistered = compareWithDepartmentRecords(householdOfThree(), [recordsOf(father, facts.vehicle(father, '2019-07-15', '2023-08-31'))], day);
      expect(deregistered.discrepancies).toEqual([]);
      const household = { ...householdOfThree(), declaredAssets: { ...householdOfThree().declaredAssets, vehicles: 1 } };
      expect(compareWithDepartmentRecords(household, [recordsOf(father, facts.vehicle(father))], day).discrepancies).toEqual([]);
    });

    it('flags property beyond the declared dwellings and an undeclared business', () => {
      const records = [recordsOf(father, facts.property(father, 'P-1'), facts.business(father)), recordsOf(grandmother, facts.property(grandmother, 'P-2'))];
      const result = compareWithDepartmentRecords(householdOfThree(), records, day);
      expect(result.discrepancies.map((d) => [d.kind, d.memberId, d.source])).toEqual([
        ['undeclared-property', 'm-grandmother', 'housing'],
        ['undeclared-property', 'm-father', 'housing'],
        ['undeclared-business', 'm-father', 'market-regulation'],
      ]);
      expect(result.departmentAssets).toEqual({ vehicles: 0, dwellings: 2, businessRegistrations: 1 });
    });

    it('names at most two holdings in the text and counts the rest, so it fits a message', () => {
      const records = recordsOf(
        father,
        facts.property(father, 'P-1'),
        facts.property(father, 'P-2'),
        facts.property(father, 'P-3'),
        facts.property(father, 'P-4'),
      );
      const [found] = compareWithDepartmentRecords(householdOfThree(), [records], day).discrepancies;
      expect(found?.reported).toBe(
        '4 property(s) registered to this member: 56.30 m² in 331002001 acquired 2005-05-20; 56.30 m² in 331002001 acquired 2005-05-20; and 2 more',
      );
      expect(found?.factIds).toHaveLength(4);
    });
  });

  describe('income', () => {
    it('counts an undeclared wage at the department figure: the difference becomes a department income item', () => {
      const household = householdOfThree([income('wage', 100_000)]);
      const result = compareWithDepartmentRecords(household, [recordsOf(father, facts.wage(father, 180_000, '2025-02', '台州某鞋厂', 'rs-1'))], day);
      expect(result.discrepancies.map((d) => [d.kind, d.effect, d.declared, d.reported])).toEqual([
        ['undeclared-wage', 'counted-at-department-figure', 'wage 1000.00 yuan/month', 'wage 1800.00 yuan/month (2025-02)'],
      ]);
      expect(result.departmentIncomes).toEqual([
        {
          memberId: 'm-father',
          kind: 'wage',
          monthlyFen: 80_000,
          origin: 'department',
          source: '台州某鞋厂',
          parameters: { departmentMonthlyFen: 180_000, declaredMonthlyFen: 100_000, month: '2025-02', factIds: 'rs-1' },
        },
      ]);
    });

    it('uses the latest month on record, summed over employers, and compares it with wages and happiness-post wages together', () => {
      const household = householdOfThree([income('happiness-post-wage', 150_000), income('wage', 50_000)]);
      const records = recordsOf(
        father,
        facts.wage(father, 400_000, '2025-01'),
        facts.wage(father, 150_000, '2025-02', 'A'),
        facts.wage(father, 80_000, '2025-02', 'B'),
      );
      const result = compareWithDepartmentRecords(household, [records], day);
      expect(result.departmentIncomes.map((i) => [i.kind, i.monthlyFen])).toEqual([['wage', 30_000]]);
    });

    it('does not use wage records older than the look-back window', () => {
      const old = recordsOf(father, facts.wage(father, 500_000, '2024-09'));
      expect(compareWithDepartmentRecords(householdOfThree(), [old], day).discrepancies).toEqual([]);
      expect(compareWithDepartmentRecords(householdOfThree(), [old], day, { wageLookbackMonths: 12 }).departmentIncomes.map((i) => i.monthlyFen)).toEqual([
        320_000,
      ]);
    });

    it('finds an undeclared pension per scheme, and an unemployment benefit only while it is paid', () => {
      const records = recordsOf(
        grandmother,
        facts.pension(grandmother, 'resident-basic', 26_000),
        facts.pension(grandmother, 'employee-basic', 120_000, '2024-01', '2024-12'),
        facts.unemployment(grandmother, 180_000, '2025-01', '2025-06'),
      );
      const result = compareWithDepartmentRecords(householdOfThree(), [records], day);
      expect(result.discrepancies.map((d) => d.kind)).toEqual(['undeclared-pension', 'undeclared-unemployment-benefit']);
      expect(result.departmentIncomes.map((i) => [i.kind, i.monthlyFen])).toEqual([
        ['pension-resident-basic', 26_000],
        ['unemployment-benefit', 180_000],
      ]);
      const ended = recordsOf(grandmother, facts.unemployment(grandmother, 180_000, '2024-07', '2024-12'));
      expect(compareWithDepartmentRecords(householdOfThree(), [ended], day).discrepancies).toEqual([]);
    });
  });

  describe('death and health', () => {
    it('reports a member who died on or before the day as not counted, and compares nothing else for them', () => {
      const records = recordsOf(grandmother, facts.death(grandmother, '2025-01-05', 'gaj-1'), facts.pension(grandmother, 'employee-basic', 300_000));
      const result = compareWithDepartmentRecords(householdOfThree(), [records], day);
      expect(result.deceased).toEqual([{ memberId: 'm-grandmother', dateOfDeath: '2025-01-05' }]);
      expect(result.discrepancies.map((d) => [d.kind, d.effect, d.factIds])).toEqual([['member-deceased', 'member-not-counted', ['gaj-1']]]);
      expect(compareWithDepartmentRecords(householdOfThree(), [recordsOf(grandmother, facts.death(grandmother, '2025-04-01'))], day).deceased).toEqual([]);
    });

    it('sends a differing disability registration and an undeclared serious illness to review', () => {
      const records = recordsOf(father, facts.disability(father, 2), facts.seriousIllness(father));
      const result = compareWithDepartmentRecords(householdOfThree(), [records], day);
      expect(result.discrepancies.map((d) => [d.kind, d.effect, d.source])).toEqual([
        ['disability-registration-differs', 'for-review', 'disabled-persons'],
        ['serious-illness-not-declared', 'for-review', 'medical-insurance'],
      ]);
      expect(result.departmentIncomes).toEqual([]);
    });

    it('is silent about a large medical bill or a disaster: those raise early warnings elsewhere', () => {
      const records = recordsOf(father, facts.largeMedicalBill(father, 4_820_000), facts.disaster(father, '2025-03-01'));
      expect(compareWithDepartmentRecords(householdOfThree(), [records], day).discrepancies).toEqual([]);
    });
  });

  it('treats a resident without records as one nobody reported on', () => {
    expect(compareWithDepartmentRecords(householdOfThree(), [], day)).toEqual({
      discrepancies: [],
      departmentIncomes: [],
      deceased: [],
      departmentAssets: { vehicles: 0, dwellings: 0, businessRegistrations: 0 },
    });
  });
});
