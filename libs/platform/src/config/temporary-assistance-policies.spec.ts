import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config';
import { NoTemporaryAssistancePolicyError, parseTemporaryAssistancePolicies } from './temporary-assistance-policies';

const shipped = readFileSync(join(__dirname, '..', '..', '..', '..', 'config', 'regional-policies.yaml'), 'utf8');

describe('temporary-assistance figures in the regional policy file', () => {
  it('loads the shipped figures in fen and basis points for the version in force', () => {
    const taizhou = parseTemporaryAssistancePolicies(shipped).inForce('331002001005', '2026-03-02');
    expect(taizhou).toMatchObject({
      policyId: 'taizhou-2025',
      dibaoStandardFen: 119000,
      yearlyCapBp: 120000,
      townshipApprovalLimitFen: 300000,
      urgentAdvanceMaxFen: 100000,
      documentsDueWorkingDays: 5,
    });
    expect(taizhou.amountRanges.emergency.serious).toEqual({ minBp: 10000, maxBp: 60000 });
    expect(taizhou.amountRanges.emergency.ordinary).toEqual({ minBp: 5000, maxBp: 20000 });
  });

  it('refuses figures that break a rule, naming the policy and field', () => {
    const bad = shipped.replace('urgentAdvanceMax: "1000.00"', 'urgentAdvanceMax: "5000.00"');
    expect(() => parseTemporaryAssistancePolicies(bad, 'test.yaml')).toThrow(ConfigError);
    expect(() => parseTemporaryAssistancePolicies(bad, 'test.yaml')).toThrow(/taizhou-2025: temporaryAssistance.urgentAdvanceMax may not exceed/);
  });

  it('says so when a region has no figures in force', () => {
    const policies = parseTemporaryAssistancePolicies(shipped);
    expect(() => policies.inForce('331002001', '2024-06-01')).toThrow(NoTemporaryAssistancePolicyError);
  });
});
