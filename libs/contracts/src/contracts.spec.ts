import { z } from 'zod';
import {
  allContracts,
  applicationSubmittedV1,
  applicationSubmittedV2,
  caseRejectedV1,
  contractName,
  contractRegistry,
  ContractRegistry,
  countyDataContracts,
  countyDataReceiptV1,
  dataschemaOf,
  defineContract,
  economicCheckCompletedV1,
  parseDataschema,
  residentDeathV1,
  UnknownContractError,
  validatePayload,
  type IntegrationContract,
} from './index';

type Json = Record<string, unknown>;

/** Whether a path like `household.members[].residentId` names a property of the JSON schema. */
function schemaHasPath(schema: Json, path: string): boolean {
  let nodes: Json[] = [schema];
  for (const segment of path.split('.')) {
    const isArray = segment.endsWith('[]');
    const name = isArray ? segment.slice(0, -2) : segment;
    nodes = nodes.flatMap(expand).flatMap((node) => {
      const child = (node.properties as Record<string, Json> | undefined)?.[name];
      if (!child) return [];
      return isArray
        ? expand(child)
            .map((c) => c.items as Json)
            .filter(Boolean)
        : [child];
    });
  }
  return nodes.length > 0;
}

function expand(node: Json): Json[] {
  const alternatives = [...((node.anyOf as Json[]) ?? []), ...((node.allOf as Json[]) ?? [])];
  return [node, ...alternatives];
}

describe('the contract catalogue', () => {
  it.each(allContracts.map((c) => [contractName(c), c] as const))('%s: its example validates and yields its key', (_name, contract) => {
    // Given the contract's own example
    const result = validatePayload(contract, contract.example);

    // Then it is valid, and the key is the key field's value
    expect(result).toEqual({ ok: true, payload: expect.anything() });
    expect(contract.key(contract.example)).toBe((contract.example as Json)[contract.keyField]);
  });

  it.each(allContracts.map((c) => [contractName(c), c] as const))('%s: every personal-data path names a field of the schema', (_name, contract) => {
    const schema = z.toJSONSchema(contract.schema, { io: 'input', unrepresentable: 'any' }) as Json;
    const unknownPaths = (contract.personalData ?? []).filter((path) => !schemaHasPath(schema, path));
    expect(unknownPaths).toEqual([]);
  });

  it('keys case topics by applicationId (temporary cases by caseId, reserve funds by township), payroll batches by payrollId, referrals by referralId, findings by findingId, checkpoints by source, county data by resident ID and receipts by messageId', () => {
    const keys = Object.fromEntries(contractRegistry.topics().map((topic) => [topic, contractRegistry.byTopic(topic)[0].keyField]));
    expect(keys).toEqual({
      'sa.intake.applications.v1': 'applicationId',
      'sa.verification.economic-checks.v1': 'applicationId',
      'sa.approval.cases.v1': 'applicationId',
      'sa.approval.periodic-reviews.v1': 'applicationId',
      'sa.payments.entitlements.v1': 'applicationId',
      'sa.payments.payments.v1': 'applicationId',
      'sa.payments.payroll-batches.v1': 'payrollId',
      'sa.charity.referrals.v1': 'referralId',
      'sa.audit.checkpoints.v1': 'source',
      'sa.audit.findings.v1': 'findingId',
      'sa.intake.temporary-cases.v1': 'caseId',
      'sa.approval.temporary-decisions.v1': 'caseId',
      'sa.payments.reserve-funds.v1': 'township',
      'sa.payments.temporary-stages.v1': 'caseId',
      'county.public-security.resident-deaths.v1': 'residentId',
      'county.public-security.vehicle-registrations.v1': 'residentId',
      'county.housing.property-registrations.v1': 'residentId',
      'county.hrss.pension-benefits.v1': 'residentId',
      'county.hrss.unemployment-benefits.v1': 'residentId',
      'county.hrss.wage-records.v1': 'residentId',
      'county.market-regulation.business-registrations.v1': 'residentId',
      'county.civil-affairs.assistance-status.v1': 'residentId',
      'county.disabled-persons.disability-registrations.v1': 'residentId',
      'county.medical-insurance.serious-illness.v1': 'residentId',
      'county.medical-insurance.large-medical-bills.v1': 'residentId',
      'county.emergency-management.disaster-victims.v1': 'residentId',
      'sa.county-data.receipts.v1': 'messageId',
    });
  });

  it('gives every inbound county message a messageId that must equal ce_id, and marks its resident ID as personal data', () => {
    for (const contract of countyDataContracts) {
      expect({ name: contractName(contract), messageIdField: contract.messageIdField, personal: contract.personalData?.includes('residentId') }).toEqual({
        name: contractName(contract),
        messageIdField: 'messageId',
        personal: true,
      });
    }
  });

  it('never carries a resident ID in the key of a case topic', () => {
    const caseContracts = allContracts.filter((c) => c.direction === 'outbound');
    expect(caseContracts.filter((c) => /resident/i.test(c.keyField))).toEqual([]);
  });
});

describe('the registry', () => {
  it('finds a contract by type and version, and lists a topic\u2019s contracts', () => {
    expect(contractRegistry.get('sa.intake.application-submitted', 1)).toBe(applicationSubmittedV1);
    expect(contractRegistry.get('sa.intake.application-submitted', 2)).toBe(applicationSubmittedV2);
    expect(contractRegistry.find('sa.intake.application-submitted', 3)).toBeUndefined();
    expect(contractRegistry.byTopic('sa.intake.applications.v1').map((c) => `${c.type}.v${c.version}`)).toEqual([
      'sa.intake.application-submitted.v1',
      'sa.intake.application-submitted.v2',
      'sa.intake.application-amended.v1',
      'sa.intake.application-withdrawn.v1',
    ]);
    expect(contractRegistry.byTopic('no.such.topic.v1')).toEqual([]);
  });

  it('names the type and version it does not know', () => {
    expect(() => contractRegistry.get('sa.intake.application-submitted', 9)).toThrow(new UnknownContractError('sa.intake.application-submitted', 9));
    expect(() => contractRegistry.get('sa.intake.application-submitted', 9)).toThrow('no contract sa.intake.application-submitted v9 in the catalogue');
  });

  it('refuses the same type and version twice, and two keys on one topic', () => {
    expect(() => new ContractRegistry([applicationSubmittedV1, applicationSubmittedV1])).toThrow(
      'contract sa.intake.application-submitted.v1 is registered twice',
    );
    const keyedByRegion = { ...applicationSubmittedV1, type: 'sa.intake.region-changed', keyField: 'region' } as IntegrationContract;
    expect(() => new ContractRegistry([applicationSubmittedV1, keyedByRegion])).toThrow(
      /keyed by region but sa.intake.application-submitted.v1 by applicationId/,
    );
  });

  it('refuses contract names that break the naming conventions', () => {
    const base = {
      version: 1,
      schema: z.object({ id: z.string() }),
      keyField: 'id' as const,
      direction: 'outbound' as const,
      producer: 'x',
      description: 'x',
      example: { id: 'a' },
    };
    expect(() => defineContract({ ...base, type: 'Intake.ApplicationSubmitted', topic: 'sa.intake.applications.v1' })).toThrow(
      /must look like sa.<context>.<event>/,
    );
    expect(() => defineContract({ ...base, type: 'sa.intake.x', topic: 'applications' })).toThrow(/topic "applications" must look like/);
    expect(() => defineContract({ ...base, type: 'sa.intake.x', topic: 'sa.intake.applications.v1', version: 0 })).toThrow(
      /version must be a positive integer/,
    );
  });
});

describe('ce_dataschema', () => {
  it('names the contract and version, and reads back', () => {
    expect(dataschemaOf(residentDeathV1)).toBe('urn:sa:contract:county.public-security.resident-death:v1');
    expect(parseDataschema(dataschemaOf(applicationSubmittedV1))).toEqual({ type: 'sa.intake.application-submitted', version: 1 });
    expect(parseDataschema('https://example.org/schema.json')).toBeUndefined();
  });
});

describe('validation names the field and the rule', () => {
  const death = residentDeathV1.example as Json;

  it('rejects a resident ID with a wrong GB 11643 check character', () => {
    const result = validatePayload(residentDeathV1, { ...death, residentId: '330102195806120027' });
    expect(result).toEqual({ ok: false, problems: [{ field: 'residentId', rule: 'has a wrong check character (GB 11643, ISO 7064 MOD 11-2)' }] });
  });

  it('rejects a resident ID that is not 17 digits and a check character, or has no real birth date', () => {
    expect(validatePayload(residentDeathV1, { ...death, residentId: '33010219580612002' })).toEqual({
      ok: false,
      problems: [{ field: 'residentId', rule: 'must be 17 digits followed by a digit or X (GB 11643)' }],
    });
    expect(validatePayload(residentDeathV1, { ...death, residentId: '330102195802300021' })).toEqual({
      ok: false,
      problems: [{ field: 'residentId', rule: 'must carry a real birth date in characters 7 to 14 (GB 11643)' }],
    });
  });

  it('names a missing field by its full path', () => {
    const submitted = structuredClone(applicationSubmittedV1.example) as { household: { members: Json[] } };
    delete submitted.household.members[1].name;
    const result = validatePayload(applicationSubmittedV1, submitted);
    expect(result).toEqual({ ok: false, problems: [{ field: 'household.members[1].name', rule: 'is required' }] });
  });

  it('names a bad resident ID deep inside a household', () => {
    const submitted = structuredClone(applicationSubmittedV1.example) as { household: { members: Json[] } };
    submitted.household.members[2].residentId = '330102201309010028';
    expect(validatePayload(applicationSubmittedV1, submitted)).toEqual({
      ok: false,
      problems: [{ field: 'household.members[2].residentId', rule: 'has a wrong check character (GB 11643, ISO 7064 MOD 11-2)' }],
    });
  });

  it('rejects money that is not whole fen, and a region code that is not normalised', () => {
    const result = validatePayload(caseRejectedV1, { ...(caseRejectedV1.example as Json), region: '330100' });
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'region', rule: 'must be normalised: drop the all-zero trailing level (e.g. 130100 is written 1301)' }],
    });
    const large = { ...(countyDataContracts[9].example as Json), outOfPocketFen: 48200.5 };
    expect(validatePayload(countyDataContracts[9], large)).toEqual({
      ok: false,
      problems: [{ field: 'outOfPocketFen', rule: 'must be a whole number of fen (integer, no decimals)' }],
    });
  });

  it('reports wrong types and values in plain words', () => {
    const result = validatePayload(residentDeathV1, { ...death, dateOfDeath: '2025-02-30', reportedAt: 5, messageId: '' });
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'messageId', rule: 'must be 1 to 128 characters: letters, digits, and . _ : -, starting with a letter or digit' },
        { field: 'dateOfDeath', rule: 'must be a real date YYYY-MM-DD' },
        { field: 'reportedAt', rule: 'must be a string' },
      ],
    });
    expect(validatePayload(residentDeathV1, 'not an object')).toEqual({ ok: false, problems: [{ field: '(payload)', rule: 'must be an object' }] });
  });

  it('requires the near-relative details once a near relative is declared', () => {
    const submitted = { ...(applicationSubmittedV1.example as Json), nearRelative: { declared: true, staffName: '张三' } };
    expect(validatePayload(applicationSubmittedV1, submitted)).toEqual({
      ok: false,
      problems: [
        { field: 'nearRelative.relationToStaff', rule: 'is required when declared is true' },
        { field: 'nearRelative.staffPost', rule: 'is required when declared is true' },
      ],
    });
  });

  it('requires exactly one applicant in a household', () => {
    const submitted = structuredClone(applicationSubmittedV1.example) as { household: { members: Json[] } };
    submitted.household.members[1].relation = 'applicant';
    expect(validatePayload(applicationSubmittedV1, submitted)).toEqual({
      ok: false,
      problems: [{ field: 'household.members', rule: 'must have exactly one member with relation "applicant" (found 2)' }],
    });
  });

  it('requires an economic check\u2019s counted income to be the sum of its counted rule-trace items', () => {
    const check = { ...(economicCheckCompletedV1.example as Json), countedMonthlyIncomeFen: 150_000 };
    expect(validatePayload(economicCheckCompletedV1, check)).toEqual({
      ok: false,
      problems: [{ field: 'countedMonthlyIncomeFen', rule: 'must equal the sum of counted ruleTrace amounts (114300), not below zero' }],
    });
  });

  it('keeps receipts coherent: a NACK has a reason code other than DUPLICATE, an ACK none or DUPLICATE', () => {
    const receipt = countyDataReceiptV1.example as Json;
    expect(validatePayload(countyDataReceiptV1, { ...receipt, status: 'NACK', reasonCode: undefined }).ok).toBe(false);
    expect(validatePayload(countyDataReceiptV1, { ...receipt, status: 'ACK', reasonCode: 'SCHEMA_VIOLATION' }).ok).toBe(false);
    expect(validatePayload(countyDataReceiptV1, { ...receipt, status: 'ACK', reasonCode: 'DUPLICATE', problems: undefined }).ok).toBe(true);
  });

  it('ignores fields it does not know, so additive changes keep the version', () => {
    const result = validatePayload(residentDeathV1, { ...death, hospital: '某医院' });
    expect(result).toEqual({ ok: true, payload: death });
  });
});
