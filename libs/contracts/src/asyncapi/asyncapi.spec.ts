import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { allContracts, contractName, countyDataContracts, dataschemaOf } from '../index';
import { asyncApiPath, regenerateAsyncApiCommand } from './asyncapi-file';
import { buildAsyncApiDocument, renderAsyncApiYaml } from './build-asyncapi';

type Json = Record<string, unknown>;

function resolvePointer(document: Json, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], document);
}

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collectRefs(item, refs));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

describe('the AsyncAPI document', () => {
  it('is committed and current', () => {
    // When the committed file differs from what the contracts generate, the diff shows the command to run.
    const committed = readFileSync(asyncApiPath, 'utf8');
    expect({ current: committed === renderAsyncApiYaml(), regenerate: regenerateAsyncApiCommand }).toEqual({
      current: true,
      regenerate: regenerateAsyncApiCommand,
    });
  });

  it('is AsyncAPI 3.0 with every reference resolving', () => {
    const document = parse(readFileSync(asyncApiPath, 'utf8')) as Json;
    expect(document.asyncapi).toBe('3.0.0');
    const unresolved = collectRefs(document).filter((ref) => resolvePointer(document, ref) === undefined);
    expect(unresolved).toEqual([]);
  });

  it('describes every contract with its payload schema, key, CloudEvents headers and a valid example', () => {
    const document = buildAsyncApiDocument();
    const components = document.components as { messages: Record<string, Json>; schemas: Record<string, Json> };
    for (const contract of allContracts) {
      const message = components.messages[contractName(contract)];
      const headers = message.headers as { allOf: Json[] };
      expect({
        payload: message.payload,
        key: (message.bindings as { kafka: { key: Json } }).kafka.key.description,
        headerRefs: headers.allOf[0],
        type: (headers.allOf[1].properties as Json).ce_type,
        dataschema: ((message.examples as Json[])[0].headers as Json).ce_dataschema,
        example: (message.examples as Json[])[0].payload,
      }).toEqual({
        payload: { $ref: `#/components/schemas/${contractName(contract)}` },
        key: `The payload's ${contract.keyField}.`,
        headerRefs: { $ref: '#/components/schemas/CloudEventsHeaders' },
        type: { const: contract.type },
        dataschema: dataschemaOf(contract),
        example: contract.example,
      });
    }
    const ceHeaders = components.schemas.CloudEventsHeaders as { required: string[]; properties: Json };
    expect(ceHeaders.required).toEqual(['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_dataschema', 'content-type']);
    expect(Object.keys(ceHeaders.properties)).toEqual(expect.arrayContaining(['ce_correlationid', 'ce_causationid']));
  });

  it('has the platform receive county topics and send everything else', () => {
    const operations = buildAsyncApiDocument().operations as Record<string, { action: string }>;
    for (const contract of countyDataContracts) expect(operations[`receive-${contract.topic}`].action).toBe('receive');
    expect(operations['send-sa.county-data.receipts.v1'].action).toBe('send');
    expect(operations['send-sa.intake.applications.v1'].action).toBe('send');
  });
});
