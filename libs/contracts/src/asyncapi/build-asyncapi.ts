/**
 * The AsyncAPI 3.0 document of the catalogue, generated from the zod schemas so it can never
 * drift from what the code validates. `npx tsx libs/contracts/scripts/generate-asyncapi.ts`
 * writes it to libs/contracts/asyncapi/asyncapi.yaml; a test fails when that file is stale.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { cloudEventsHeadersSchema, cloudEventsSpecVersion, jsonContentType } from '../cloudevents';
import { contractName, dataschemaOf, deadLetterTopicOf, type IntegrationContract } from '../contract';
import { allContracts } from '../registry';
import { receiptsTopicV1 } from '../inbound/receipts';

/** Version of the catalogue as a whole; raise the minor for added contracts, the major when one is removed. */
export const catalogueVersion = '1.3.0';

type Json = Record<string, unknown>;
const kafkaBindingVersion = '0.5.0';

function toJsonSchema(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as Json;
  delete json.$schema;
  return json;
}

function sourceOf(contract: IntegrationContract): string {
  const [prefix, context] = contract.type.split('.');
  return prefix === 'county' ? `/county/330102/${context}` : `/sa/${context}`;
}

function exampleHeaders(contract: IntegrationContract): Json {
  const example = contract.example as Json;
  return {
    ce_specversion: cloudEventsSpecVersion,
    ce_id: contract.messageIdField ? example[contract.messageIdField] : '0195f2a4-8d2f-7e10-a1b2-c3d4e5f60718',
    ce_source: sourceOf(contract),
    ce_type: contract.type,
    ce_time: '2025-03-03T01:15:00Z',
    ce_dataschema: dataschemaOf(contract),
    'content-type': jsonContentType,
    ...(contract.direction === 'outbound' ? { ce_correlationid: '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e' } : {}),
  };
}

function messageDescription(contract: IntegrationContract): string {
  const lines = [contract.description, '', `Published by: ${contract.producer}.`, `Kafka key: the payload's \`${contract.keyField}\`.`];
  if (contract.messageIdField)
    lines.push(`\`${contract.messageIdField}\` must equal the \`ce_id\` header; a receipt (ACK/NACK) follows on \`${receiptsTopicV1}\`.`);
  if (contract.personalData?.length)
    lines.push(`Personal data (protect in transit and at rest, never log): ${contract.personalData.map((p) => `\`${p}\``).join(', ')}.`);
  return lines.join('\n');
}

function message(contract: IntegrationContract): Json {
  const name = contractName(contract);
  return {
    name: contract.type,
    title: `${contract.type} v${contract.version}`,
    summary: contract.description.split(/(?<=\.)\s/)[0],
    description: messageDescription(contract),
    contentType: jsonContentType,
    headers: {
      allOf: [
        { $ref: '#/components/schemas/CloudEventsHeaders' },
        { type: 'object', properties: { ce_type: { const: contract.type }, ce_dataschema: { const: dataschemaOf(contract) } } },
      ],
    },
    payload: { $ref: `#/components/schemas/${name}` },
    correlationId: { $ref: '#/components/correlationIds/ceCorrelationId' },
    bindings: { kafka: { key: { type: 'string', description: `The payload's ${contract.keyField}.` }, bindingVersion: kafkaBindingVersion } },
    examples: [{ name: 'example', summary: `A valid ${contract.type} message.`, headers: exampleHeaders(contract), payload: contract.example }],
    ...(contract.personalData?.length ? { 'x-personal-data': [...contract.personalData] } : {}),
  };
}

function topicDescription(topic: string, contracts: readonly IntegrationContract[]): string {
  const first = contracts[0];
  const who = first.direction === 'inbound' ? `County systems publish; the platform consumes.` : `The platform publishes.`;
  return [
    `${who} Key: \`${first.keyField}\` (one ${first.keyField} stays in order on one partition).`,
    `Message types: ${contracts.map((c) => `\`${c.type}\` v${c.version}`).join(', ')}.`,
    `Messages a consumer cannot process are parked on \`${deadLetterTopicOf(topic)}\` (internal).`,
  ].join('\n');
}

/** The principal allowed to write a topic: the owning county department, or the publishing service (libs/messaging's access plan). */
function writerOf(contract: IntegrationContract): string {
  const [scope, owner] = contract.type.split('.');
  if (scope === 'county') return `county-${owner}`;
  if (contract.direction === 'receipt') return 'svc-verification';
  return `svc-${owner === 'charity' ? 'charity-referral' : owner}`;
}

function operationFor(topic: string, contracts: readonly IntegrationContract[]): [string, Json] {
  const receive = contracts[0].direction === 'inbound';
  const writer = writerOf(contracts[0]);
  const who = receive
    ? `Only the principal \`${writer}\` may publish here (ACL: WRITE on \`county.${writer.slice('county-'.length)}.*\`), and \`ce_source\` must be \`/county/<region code>/${writer.slice('county-'.length)}\`: a message naming another department is NACKed with UNAUTHORISED_SOURCE.`
    : `Published by the principal \`${writer}\`; each consuming service reads with its own principal and consumer groups.`;
  return [
    `${receive ? 'receive' : 'send'}-${topic}`,
    {
      action: receive ? 'receive' : 'send',
      channel: { $ref: `#/channels/${topic}` },
      title: receive ? `Receive ${topic}` : `Publish ${topic}`,
      description: who,
      security: [{ $ref: '#/components/securitySchemes/scramSha512' }],
      'x-kafka-writer': writer,
      messages: contracts.map((c) => ({ $ref: `#/channels/${topic}/messages/${contractName(c)}` })),
    },
  ];
}

const documentDescription = `Integration events of the social assistance (社会救助) platform: what its services publish and the county department data it receives.

## Message format: CloudEvents 1.0, Kafka binding, binary mode
Each Kafka record's value is the JSON payload alone (UTF-8); the event attributes are headers:
\`ce_specversion\` ("1.0"), \`ce_id\`, \`ce_source\`, \`ce_type\`, \`ce_time\`, \`ce_dataschema\`
(\`urn:sa:contract:<type>:v<version>\`), \`content-type\` ("application/json"), and the extensions
\`ce_correlationid\` (the business transaction) and \`ce_causationid\` (the ce_id that caused it).
A message whose headers or payload break these rules is parked on the topic's dead-letter topic and,
for county messages, answered with a NACK.

## Keys and order
Case events are keyed by applicationId, referral events by referralId, county data by the resident ID
number, receipts by messageId: everything about one case or person stays in order on one partition.

## Delivery and idempotence
Delivery is at least once. Every consumer de-duplicates by \`ce_id\`, so a redelivered or replayed message
has no second effect. County systems set \`ce_id\` to their messageId and may resend freely.

## Receipts (ACK/NACK) for county systems
Every inbound county message is answered on \`${receiptsTopicV1}\`, keyed by messageId, following the
DCI social-protection interoperability ACK/NACK pattern: ACK (stored), ACK + DUPLICATE (already stored,
no second effect), or NACK + SCHEMA_VIOLATION | INVALID_RESIDENT_ID | UNKNOWN_TYPE | UNAUTHORISED_SOURCE |
PROCESSING_FAILED with the fields and rules that failed (never the values).

## Security
Every client logs in (SASL SCRAM-SHA-512) as its own principal, over TLS in a deployment (\`kafka-secure\`), and
the brokers' ACLs allow each principal only its own topics: a county department (\`county-<department>\`)
writes only \`county.<department>.*\` and reads the receipts; each service (\`svc-<service>\`) writes its own
topics and reads what it consumes with its own consumer groups; only the provisioning principal creates
topics. A county message's \`ce_source\` must name the department that owns its topic.

## Versions
A contract version is a major version: additive optional fields keep it; anything that can break a
reader is a new version (new \`ce_dataschema\`, and a new \`.v<major>\` topic when the whole topic changes).
Readers must ignore fields they do not know.

## Personal data
Resident ID numbers, names, bank accounts and health data are personal data (\`x-personal-data\` lists
the paths per message). They never appear in headers or in the keys of case topics.`;

/** Builds the AsyncAPI 3.0 document for the given contracts (the whole catalogue by default). */
export function buildAsyncApiDocument(contracts: readonly IntegrationContract[] = allContracts): Json {
  const byTopic = new Map<string, IntegrationContract[]>();
  for (const contract of contracts) byTopic.set(contract.topic, [...(byTopic.get(contract.topic) ?? []), contract]);

  const channels: Json = {};
  for (const [topic, topicContracts] of byTopic) {
    channels[topic] = {
      address: topic,
      title: topic,
      description: topicDescription(topic, topicContracts),
      messages: Object.fromEntries(topicContracts.map((c) => [contractName(c), { $ref: `#/components/messages/${contractName(c)}` }])),
      bindings: { kafka: { topic, bindingVersion: kafkaBindingVersion } },
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Social assistance platform: integration events',
      version: catalogueVersion,
      description: documentDescription,
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    defaultContentType: jsonContentType,
    servers: {
      county: {
        host: '{host}',
        protocol: 'kafka-secure',
        description: 'The Kafka cluster of a county or city deployment (SASL_SSL): address, CA and the principal\u2019s password come from its IT team.',
        variables: { host: { description: 'host:port of a bootstrap broker', default: 'kafka.example.gov.cn:9093' } },
        security: [{ $ref: '#/components/securitySchemes/scramSha512' }],
      },
      local: {
        host: '127.0.0.1:59092',
        protocol: 'kafka',
        description:
          'Developer machine broker (`npm run infra:up`): SASL_PLAINTEXT with the same principals and ACLs; passwords in .infra/kafka-credentials.json.',
        security: [{ $ref: '#/components/securitySchemes/scramSha512' }],
      },
    },
    channels,
    operations: Object.fromEntries([...byTopic].map(([topic, topicContracts]) => operationFor(topic, topicContracts))),
    components: {
      securitySchemes: {
        scramSha512: {
          type: 'scramSha512',
          description:
            'SASL SCRAM-SHA-512 login as one principal: county-<department> for a county department\u2019s system, svc-<service> for a platform service. ' +
            'Clients set KAFKA_SASL_MECHANISM=SCRAM-SHA-512, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, and KAFKA_TLS=true (KAFKA_TLS_CA_FILE) in a deployment.',
        },
      },
      schemas: {
        CloudEventsHeaders: toJsonSchema(cloudEventsHeadersSchema),
        ...Object.fromEntries(contracts.map((c) => [contractName(c), toJsonSchema(c.schema)])),
      },
      messages: Object.fromEntries(contracts.map((c) => [contractName(c), message(c)])),
      correlationIds: {
        ceCorrelationId: {
          description: 'The business transaction (a case\u2019s whole journey) the event belongs to.',
          location: '$message.header#/ce_correlationid',
        },
      },
    },
  };
}

/** The document as YAML, stable byte for byte for the same contracts. */
export function renderAsyncApiYaml(document: Json = buildAsyncApiDocument()): string {
  const header = '# GENERATED from libs/contracts/src: do not edit. Regenerate: npx tsx libs/contracts/scripts/generate-asyncapi.ts\n';
  // YAML 1.1 quoting: dates, times and yes/no stay strings for 1.1 parsers too (PyYAML, SnakeYAML).
  return header + stringify(document, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}
