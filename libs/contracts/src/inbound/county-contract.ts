/** The shape every inbound county contract shares: keyed by resident ID, de-duplicated by messageId (= ce_id). */
import { z } from 'zod';
import { defineContract, type IntegrationContract } from '../contract';
import { messageIdField, residentIdField } from '../fields/common';

const countyBase = { messageId: messageIdField, residentId: residentIdField };

/** What every county message has; the rest depends on the topic. */
export interface CountyMessage {
  readonly messageId: string;
  readonly residentId: string;
}

export function countySchema<Shape extends z.ZodRawShape>(fields: Shape) {
  return z.object({ ...countyBase, ...fields });
}

export function countyContract<Payload extends CountyMessage>(definition: {
  type: string;
  topic: string;
  producer: string;
  description: string;
  schema: z.ZodType<Payload>;
  example: NoInfer<Payload>;
  personalData?: string[];
}): IntegrationContract<Payload> {
  return defineContract<Payload>({
    type: definition.type,
    version: 1,
    topic: definition.topic,
    schema: definition.schema,
    keyField: 'residentId',
    messageIdField: 'messageId',
    direction: 'inbound',
    producer: definition.producer,
    description: definition.description,
    example: definition.example,
    personalData: ['residentId', ...(definition.personalData ?? [])],
  });
}
