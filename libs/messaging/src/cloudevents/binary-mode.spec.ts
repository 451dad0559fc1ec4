import { applicationSubmittedV1, applicationWithdrawnV1, residentDeathV1 } from '@sa/contracts';
import { toRawHeaders } from '../kafka/client-options';
import { decodeCloudEvent, encodeCloudEvent, type IncomingRecord } from './binary-mode';

const contracts = [applicationSubmittedV1, applicationWithdrawnV1, residentDeathV1];
const lookup = (type: string, version: number) => contracts.find((c) => c.type === type && c.version === version);

function textHeaders(record: { headers: ReadonlyMap<Buffer, Buffer> }): Record<string, string> {
  return Object.fromEntries([...record.headers].map(([k, v]) => [k.toString(), v.toString()]));
}

function incoming(overrides: Partial<{ key: string | null; value: string | null; headers: Record<string, string> }> = {}): IncomingRecord {
  const encoded = encodeCloudEvent(applicationWithdrawnV1, applicationWithdrawnV1.example, { id: 'e-1', source: '/sa/intake', time: '2025-03-05T06:30:00Z' });
  const headers = overrides.headers ?? textHeaders(encoded);
  return {
    topic: applicationWithdrawnV1.topic,
    partition: 0,
    offset: 7n,
    key: overrides.key === null ? null : Buffer.from(overrides.key ?? (encoded.key as Buffer).toString()),
    value: overrides.value === null ? null : Buffer.from(overrides.value ?? (encoded.value as Buffer).toString()),
    headers: toRawHeaders(headers),
  };
}

describe('CloudEvents Kafka binding, binary mode', () => {
  it('encodes an integration event as ce_ headers, the contract key and the bare JSON payload', () => {
    // When an event is encoded
    const record = encodeCloudEvent(applicationWithdrawnV1, applicationWithdrawnV1.example, {
      id: '0195f2a4-8d2f-7e10-a1b2-c3d4e5f60718',
      source: '/sa/intake',
      time: '2025-03-05T06:30:00Z',
      correlationId: 'case-journey-1',
      causationId: 'command-9',
    });

    // Then the attributes are headers, the key is the applicationId and the value is the payload alone
    expect(textHeaders(record)).toEqual({
      ce_specversion: '1.0',
      ce_id: '0195f2a4-8d2f-7e10-a1b2-c3d4e5f60718',
      ce_source: '/sa/intake',
      ce_type: 'sa.intake.application-withdrawn',
      ce_time: '2025-03-05T06:30:00Z',
      ce_dataschema: 'urn:sa:contract:sa.intake.application-withdrawn:v1',
      'content-type': 'application/json',
      ce_correlationid: 'case-journey-1',
      ce_causationid: 'command-9',
    });
    expect(record.topic).toBe('sa.intake.applications.v1');
    expect(record.key?.toString()).toBe(applicationWithdrawnV1.example.applicationId);
    expect(JSON.parse(record.value?.toString() ?? '')).toEqual(applicationWithdrawnV1.example);
  });

  it('decodes what it encodes', () => {
    const result = decodeCloudEvent(incoming(), lookup);
    expect(
      result.ok && { id: result.event.id, type: result.event.type, version: result.event.version, key: result.event.key, payload: result.event.payload },
    ).toEqual({
      id: 'e-1',
      type: 'sa.intake.application-withdrawn',
      version: 1,
      key: applicationWithdrawnV1.example.applicationId,
      payload: applicationWithdrawnV1.example,
    });
  });

  it('rejects missing or broken headers, naming each header and rule', () => {
    const headers = textHeaders(
      encodeCloudEvent(applicationWithdrawnV1, applicationWithdrawnV1.example, { id: 'e-1', source: '/sa/intake', time: '2025-03-05T06:30:00Z' }),
    );
    delete headers.ce_id;
    headers.ce_specversion = '0.3';
    expect(decodeCloudEvent(incoming({ headers }), lookup)).toEqual({
      ok: false,
      reason: 'invalid-headers',
      problems: [
        { field: 'header ce_specversion', rule: 'must be "1.0"' },
        { field: 'header ce_id', rule: 'is required' },
      ],
      id: undefined,
      type: 'sa.intake.application-withdrawn',
    });
  });

  it('rejects a dataschema that names another type', () => {
    const headers = {
      ...textHeaders(encodeCloudEvent(applicationWithdrawnV1, applicationWithdrawnV1.example, { id: 'e-1', source: '/s', time: '2025-03-05T06:30:00Z' })),
      ce_dataschema: 'urn:sa:contract:sa.intake.application-submitted:v1',
    };
    const result = decodeCloudEvent(incoming({ headers }), lookup);
    expect(!result.ok && { reason: result.reason, problems: result.problems }).toEqual({
      reason: 'invalid-headers',
      problems: [{ field: 'header ce_dataschema', rule: 'must name the ce_type: urn:sa:contract:sa.intake.application-withdrawn:v<version>' }],
    });
  });

  it('reports an unknown type or version as unknown-type', () => {
    const headers = {
      ...textHeaders(encodeCloudEvent(applicationWithdrawnV1, applicationWithdrawnV1.example, { id: 'e-1', source: '/s', time: '2025-03-05T06:30:00Z' })),
      ce_dataschema: 'urn:sa:contract:sa.intake.application-withdrawn:v2',
    };
    const result = decodeCloudEvent(incoming({ headers }), lookup);
    expect(!result.ok && result.reason).toBe('unknown-type');
    expect(!result.ok && result.problems[0].rule).toBe(
      'sa.intake.application-withdrawn v2 is not a contract this consumer handles on sa.intake.applications.v1',
    );
  });

  it('reports a value that is not JSON as malformed-json, without echoing it', () => {
    const result = decodeCloudEvent(incoming({ value: '{"applicationId": 330102195806120026' }), lookup);
    expect(!result.ok && { reason: result.reason, problems: result.problems }).toEqual({
      reason: 'malformed-json',
      problems: [{ field: '(value)', rule: 'must be valid JSON (UTF-8)' }],
    });
    expect(!result.ok && result.contract).toBe(applicationWithdrawnV1);
  });

  it('reports a payload that breaks its contract as schema-violation with field and rule', () => {
    const result = decodeCloudEvent(incoming({ value: JSON.stringify({ ...applicationWithdrawnV1.example, reason: undefined }) }), lookup);
    expect(!result.ok && { reason: result.reason, problems: result.problems }).toEqual({
      reason: 'schema-violation',
      problems: [{ field: 'reason', rule: 'is required' }],
    });
  });

  it('requires the key to be the contract key, so one case stays on one partition', () => {
    const result = decodeCloudEvent(incoming({ key: 'someone-else' }), lookup);
    expect(!result.ok && result.problems).toEqual([{ field: '(key)', rule: "must equal the payload's applicationId" }]);
  });

  it('requires a county message id to equal ce_id', () => {
    const death = residentDeathV1.example;
    const encoded = encodeCloudEvent(residentDeathV1, death, { id: 'another-id', source: '/county/330102/public-security', time: '2025-05-01T00:00:00Z' });
    const result = decodeCloudEvent(
      { topic: residentDeathV1.topic, partition: 0, offset: 0n, key: encoded.key, value: encoded.value, headers: encoded.headers },
      lookup,
    );
    expect(!result.ok && { reason: result.reason, problems: result.problems }).toEqual({
      reason: 'schema-violation',
      problems: [{ field: 'messageId', rule: 'must equal the ce_id header' }],
    });
  });
});
