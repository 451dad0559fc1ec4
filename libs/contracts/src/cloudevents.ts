/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the event's attributes travel as
 * `ce_`-prefixed Kafka headers and the record value is the payload alone (JSON). Extension
 * attribute names are lower-case alphanumerics (CloudEvents 1.0 naming rule), hence
 * `ce_correlationid` and `ce_causationid`.
 */
import { z } from 'zod';
import { onlyFormat } from './fields/common';

export const ceHeader = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  dataschema: 'ce_dataschema',
  subject: 'ce_subject',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  traceparent: 'ce_traceparent',
  contentType: 'content-type',
} as const;

export const cloudEventsSpecVersion = '1.0';
export const jsonContentType = 'application/json';

const idText = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be 1 to 128 characters: letters, digits, and . _ : -');

/** The headers every message carries; consumers reject (dead-letter) a message whose headers break these rules. */
export const cloudEventsHeadersSchema = z.object({
  ce_specversion: z.literal(cloudEventsSpecVersion).meta({ description: 'CloudEvents spec version; always "1.0".' }),
  ce_id: idText.meta({
    description:
      'Event id, unique per source. Our services use the event-store event id (a UUID); county systems use their messageId. ' +
      'Consumers de-duplicate by it, so a redelivered or replayed message has no second effect.',
  }),
  ce_source: z
    .string()
    .regex(/^\S{1,200}$/, 'must be a URI reference without spaces (at most 200 characters)')
    .meta({
      description: 'Who produced the event, e.g. "/sa/intake" for a service, "/county/330102/public-security" for a county system.',
      examples: ['/sa/intake'],
    }),
  ce_type: z
    .string()
    .regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'must be a dotted lower-case event type')
    .meta({ description: 'Event type from this catalogue, e.g. "sa.intake.application-submitted".' }),
  ce_time: z.iso
    .datetime({ offset: true, error: onlyFormat('must be an RFC 3339 date-time with Z or an offset') })
    .meta({ description: 'When the event happened (RFC 3339).' }),
  ce_dataschema: z
    .string()
    .regex(/^urn:sa:contract:[a-z0-9.-]+:v[1-9]\d*$/, 'must be urn:sa:contract:<type>:v<version>')
    .meta({
      description: 'Contract and version the payload follows: urn:sa:contract:<ce_type>:v<version>. Required.',
      examples: ['urn:sa:contract:sa.intake.application-submitted:v1'],
    }),
  'content-type': z
    .string()
    .regex(/^application\/json(\s*;\s*charset=utf-8)?$/i, 'must be application/json')
    .meta({ description: 'Always application/json (UTF-8); the record value is the payload alone.' }),
  ce_subject: z.string().max(200).optional().meta({ description: 'Optional subject within the source (never a resident ID).' }),
  ce_correlationid: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Extension: the business transaction (usually a case\u2019s whole journey) this event belongs to.' }),
  ce_causationid: z.string().max(200).optional().meta({ description: 'Extension: ce_id of the message or event that directly caused this one.' }),
  ce_traceparent: z.string().optional().meta({
    description:
      'Extension (CloudEvents distributed tracing): the W3C traceparent of the span that published the event. Our services derive the trace id from ce_correlationid, so a case\u2019s whole journey is one trace. Optional; an invalid value is ignored.',
  }),
});

export type CloudEventsHeaders = z.output<typeof cloudEventsHeadersSchema>;
