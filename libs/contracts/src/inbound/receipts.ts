/**
 * Receipts for inbound county messages (回执), modelled on the DCI social-protection
 * interoperability standards' ACK/NACK callbacks: every county message gets exactly one kind of
 * answer for its messageId. ACK = stored (or already stored: a duplicate is acknowledged again and
 * has no second effect); NACK = rejected with a reason code, the sender must fix and resend.
 */
import { z } from 'zod';
import { defineContract } from '../contract';
import { boundedText, instantField, messageIdField, textField } from '../fields/common';

export const receiptsTopicV1 = 'sa.county-data.receipts.v1';

export const receiptStatuses = ['ACK', 'NACK'] as const;
export type ReceiptStatus = (typeof receiptStatuses)[number];

export const receiptReasonCodes = ['SCHEMA_VIOLATION', 'INVALID_RESIDENT_ID', 'DUPLICATE', 'UNKNOWN_TYPE', 'UNAUTHORISED_SOURCE', 'PROCESSING_FAILED'] as const;
export type ReceiptReasonCode = (typeof receiptReasonCodes)[number];

export const countyDataReceiptV1 = defineContract({
  type: 'sa.county-data.receipt',
  version: 1,
  topic: receiptsTopicV1,
  keyField: 'messageId',
  direction: 'receipt',
  producer: 'verification service (the consumer of county data)',
  description:
    'Answer to one inbound county message, keyed by its messageId. ' +
    'ACK without reasonCode: stored and acted on. ACK with DUPLICATE: already received, no second effect. ' +
    'NACK with SCHEMA_VIOLATION (a field breaks its rule; see problems), INVALID_RESIDENT_ID (bad GB 11643 number), ' +
    'UNKNOWN_TYPE (ce_type/ce_dataschema not in this catalogue), UNAUTHORISED_SOURCE (ce_source is not /county/<region>/<department> of ' +
    'the department that owns the topic: one department cannot speak for another), or PROCESSING_FAILED (kept on our dead-letter topic for an operator; ' +
    'it may be replayed and then acknowledged later). A NACKed message should be corrected and sent again with a new messageId.',
  schema: z
    .object({
      messageId: messageIdField.meta({ description: 'messageId (= ce_id) of the message answered.' }),
      topic: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name: 1 to 249 letters, digits, dot, underscore or hyphen')
        .meta({ description: 'Topic the message arrived on.' }),
      type: boundedText({ max: 200, trim: false }).optional().meta({ description: 'ce_type of the message answered, when it could be read.' }),
      status: z.enum(receiptStatuses),
      reasonCode: z.enum(receiptReasonCodes).optional(),
      reason: textField('Explanation for the sending system\u2019s operators (never contains resident IDs).', 2000).optional(),
      problems: z
        .array(z.object({ field: boundedText({ max: 200, trim: false }), rule: boundedText({ max: 500, trim: false }) }))
        .max(50)
        .optional()
        .meta({ description: 'For SCHEMA_VIOLATION and INVALID_RESIDENT_ID: each field that broke a rule.' }),
      receivedAt: instantField('When the platform received the message.'),
    })
    .superRefine((receipt, ctx) => {
      if (receipt.status === 'NACK' && (receipt.reasonCode === undefined || receipt.reasonCode === 'DUPLICATE')) {
        ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'a NACK needs a reason code other than DUPLICATE' });
      }
      if (receipt.status === 'ACK' && receipt.reasonCode !== undefined && receipt.reasonCode !== 'DUPLICATE') {
        ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'an ACK carries no reason code, or DUPLICATE' });
      }
    }),
  example: {
    messageId: 'gaj-20250501-000123',
    topic: 'county.public-security.resident-deaths.v1',
    type: 'county.public-security.resident-death',
    status: 'NACK',
    reasonCode: 'INVALID_RESIDENT_ID',
    reason: 'residentId has a wrong check character (GB 11643, ISO 7064 MOD 11-2)',
    problems: [{ field: 'residentId', rule: 'has a wrong check character (GB 11643, ISO 7064 MOD 11-2)' }],
    receivedAt: '2025-05-01T08:00:02+08:00',
  },
});
