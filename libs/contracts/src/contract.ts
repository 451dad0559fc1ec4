/**
 * An integration-event contract: what crosses a service boundary or reaches a county system.
 * One contract = one event type at one version. Additive, optional fields keep the version;
 * anything that can break a reader (removing or renaming a field, tightening a rule, changing a
 * meaning) is a new version, published beside the old one until every reader moved.
 */
import type { z } from 'zod';

export type ContractDirection =
  /** Published by one of our services; read by other services and county systems. */
  | 'outbound'
  /** Published by a county department system; read by our verification service. */
  | 'inbound'
  /** Our answer to an inbound message (ACK/NACK). */
  | 'receipt';

export interface IntegrationContract<Payload = unknown> {
  /** CloudEvents `type`, e.g. `sa.intake.application-submitted`. */
  readonly type: string;
  /** Major version of the payload schema; part of `ce_dataschema`. */
  readonly version: number;
  /** Kafka topic, `<prefix>.<context>.<entity>.v<major>`. */
  readonly topic: string;
  readonly schema: z.ZodType<Payload>;
  /** Payload field the Kafka key comes from (so one case, household or resident stays in order). */
  readonly keyField: string;
  /** The Kafka key of a payload. */
  key(payload: Payload): string;
  /** For inbound county messages: the payload field that must equal `ce_id` (the de-duplication id). */
  readonly messageIdField?: string;
  readonly direction: ContractDirection;
  /** Who publishes it, in words, for the AsyncAPI document. */
  readonly producer: string;
  readonly description: string;
  /** A valid payload; the tests check it validates and the AsyncAPI document shows it. */
  readonly example: Payload;
  /** Payload paths holding personal data (`[]` marks array items), e.g. `household.members[].residentId`. */
  readonly personalData?: readonly string[];
}

export interface ContractDefinition<Payload> {
  readonly type: string;
  readonly version: number;
  readonly topic: string;
  readonly schema: z.ZodType<Payload>;
  readonly keyField: NoInfer<keyof Payload & string>;
  readonly messageIdField?: NoInfer<keyof Payload & string>;
  readonly direction: ContractDirection;
  readonly producer: string;
  readonly description: string;
  readonly example: NoInfer<Payload>;
  readonly personalData?: readonly string[];
}

const typePattern = /^(sa|county)\.[a-z0-9-]+\.[a-z0-9-]+$/;
const topicPattern = /^(sa|county)\.[a-z0-9-]+\.[a-z0-9-]+\.v[1-9]\d*$/;

/** Builds a contract, refusing names that break the conventions every integrator relies on. */
export function defineContract<Payload>(definition: ContractDefinition<Payload>): IntegrationContract<Payload> {
  if (!typePattern.test(definition.type))
    throw new Error(`contract type "${definition.type}" must look like sa.<context>.<event> or county.<department>.<event>`);
  if (!Number.isInteger(definition.version) || definition.version < 1) throw new Error(`contract ${definition.type}: version must be a positive integer`);
  if (!topicPattern.test(definition.topic))
    throw new Error(`contract ${definition.type}: topic "${definition.topic}" must look like <sa|county>.<context>.<entity>.v<major>`);
  const keyField = definition.keyField;
  return {
    ...definition,
    key: (payload) => {
      const value = (payload as Record<string, unknown>)[keyField];
      if (typeof value !== 'string' || value === '') throw new Error(`contract ${definition.type}: key field ${keyField} is missing`);
      return value;
    },
  };
}

/** `sa.intake.application-submitted.v1`: the contract's name in the AsyncAPI document and in logs. */
export function contractName(contract: Pick<IntegrationContract, 'type' | 'version'>): string {
  return `${contract.type}.v${contract.version}`;
}

/** The CloudEvents `dataschema` (header `ce_dataschema`) naming a contract and its version. */
export function dataschemaOf(contract: Pick<IntegrationContract, 'type' | 'version'>): string {
  return `urn:sa:contract:${contract.type}:v${contract.version}`;
}

/** Reads a `ce_dataschema` value back into type and version; undefined when it is not ours. */
export function parseDataschema(value: string): { type: string; version: number } | undefined {
  const match = /^urn:sa:contract:([a-z0-9.-]+):v([1-9]\d*)$/.exec(value);
  if (!match) return undefined;
  return { type: match[1], version: Number(match[2]) };
}

/** Dead-letter topic of a topic. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
