/**
 * Field schemas every contract shares. Each rule that JSON Schema can express is written so that
 * `z.toJSONSchema` carries it into the AsyncAPI document (patterns, bounds, enums); rules it cannot
 * express (the GB 11643 check character, a normalised region code) are refinements whose messages
 * name the rule, and the AsyncAPI descriptions say so.
 */
import { describeResidentIdProblem, residentIdProblem, roles } from '@sa/domain-shared';
import { z } from 'zod';
import { textField } from './text';

export { boundedText, characterCount, textField, textRuleProblem, type TextBounds, type TextFieldBounds } from './text';
export { assetFenField, fenField, monthlyFenField } from './money';

/** 公民身份号码: 18 characters with the GB 11643 (ISO 7064 MOD 11-2) check character. */
export const residentIdField = z
  .string()
  .regex(/^\d{17}[\dX]$/, describeResidentIdProblem('format'))
  .superRefine((value, ctx) => {
    const problem = residentIdProblem(value);
    // The pattern above already reported a format problem; report only what it cannot see.
    if (problem !== undefined && problem !== 'format') {
      ctx.addIssue({ code: 'custom', message: describeResidentIdProblem(problem), params: { rule: `resident-id-${problem}` } });
    }
  })
  .meta({
    description:
      'Resident identity number (公民身份号码), 18 characters: 17 digits and a check character (digit or upper-case X). ' +
      'Characters 7-14 are a real birth date and the last character is the GB 11643 (ISO 7064 MOD 11-2) check character; ' +
      'messages with a wrong check character are rejected (NACK INVALID_RESIDENT_ID). Personal data.',
    examples: ['11010519491231002X'],
  });

/** A resident ID after maskResidentId: the address code, then twelve asterisks. */
export const maskedResidentIdField = z
  .string()
  .regex(/^\d{6}\*{12}$/, 'must be a masked resident ID: 6 digits then 12 asterisks')
  .meta({ description: 'Resident ID with everything but the 6-digit address code hidden.', examples: ['110105************'] });

const uuidV4OrV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Identifiers the platform issues: lower-case UUID version 4 or 7. */
export function idField(description: string) {
  return z.string().regex(uuidV4OrV7, 'must be a lower-case UUID, version 4 or 7').meta({ description });
}

/** 申请编号: the case id intake issues; the Kafka key of every case event. */
export const applicationIdField = idField('Application (case) id issued by intake, a UUID v4 or v7; the Kafka key of every case event.');

const regionLengths = new Set([2, 4, 6, 9, 12]);

/** Why a region code is not in normalised form, or undefined. */
export function regionCodeProblem(value: string): string | undefined {
  if (!/^\d+$/.test(value) || !regionLengths.has(value.length)) return 'must be 2, 4, 6, 9 or 12 digits (GB/T 2260 and its township/village extension)';
  const trailingZeros: Record<number, string> = { 4: '00', 6: '00', 9: '000', 12: '000' };
  const zeros = trailingZeros[value.length];
  if (zeros !== undefined && value.endsWith(zeros)) return 'must be normalised: drop the all-zero trailing level (e.g. 130100 is written 1301)';
  return undefined;
}

/** 行政区划代码, normalised to its level: province 2, city 4, county 6, township 9, village 12 digits. */
export const regionCodeField = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, 'must be 2, 4, 6, 9 or 12 digits (GB/T 2260 and its township/village extension)')
  .superRefine((value, ctx) => {
    const problem = regionCodeProblem(value);
    if (problem !== undefined && /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'region-code-normalised' } });
    }
  })
  .meta({
    description:
      'Administrative division code (行政区划代码) normalised to its level: province 2, city 4, county 6, township 9, village 12 digits; ' +
      'a code never ends with an all-zero level (130100 is written 1301).',
    examples: ['330102001001'],
  });

/** A message for format problems only; a missing or mistyped value keeps the general rule ("is required"). */
export function onlyFormat(message: string) {
  return (issue: { code?: string }) => (issue.code === 'invalid_format' ? message : undefined);
}

/** A point in time, ISO 8601 with an offset or Z. */
export function instantField(description: string) {
  return z.iso.datetime({ offset: true, error: onlyFormat('must be an ISO 8601 date-time with Z or an offset') }).meta({ description });
}

/** A calendar day, YYYY-MM-DD. */
export function dateField(description: string) {
  return z.iso.date({ error: onlyFormat('must be a real date YYYY-MM-DD') }).meta({ description });
}

/** A calendar month, YYYY-MM. */
export function monthField(description: string) {
  return z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
    .meta({ description });
}

export const programmeField = z.enum(['dibao', 'extreme-poverty']).meta({
  description: 'Assistance programme: dibao (最低生活保障) or extreme-poverty support (特困人员救助供养).',
});

/** Who acted: user (or system) id, role and organisation unit (a region code). */
export const actorField = z
  .object({
    userId: textField('User or system id.', 100),
    role: z.enum(roles).meta({ description: 'Role the actor held.' }),
    orgUnit: regionCodeField,
  })
  .meta({ description: 'Who acted: user id, role, and the organisation unit (region code) they act for.' });

/** A reason with a stable code machines can branch on and a message people read. */
export const reasonField = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be a lower-case code of letters, digits and hyphens')
    .meta({ description: 'Stable, lower-case reason code.' }),
  message: textField('Human-readable explanation (Chinese or English).', 1000),
});

/** Message id set by a county system: makes redelivery harmless. */
export const messageIdField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be 1 to 128 characters: letters, digits, and . _ : -, starting with a letter or digit')
  .meta({
    description:
      'Id the sending county system gives this message, unique per topic; it must equal the ce_id header. ' +
      'Sending the same id again is harmless: it is acknowledged again and has no second effect.',
    examples: ['gaj-20250301-000123'],
  });

/** County department systems that send data, for discrepancy and fact references. */
export const countySourceField = z
  .enum(['public-security', 'housing', 'hrss', 'market-regulation', 'disabled-persons', 'medical-insurance', 'emergency-management', 'tax', 'civil-affairs'])
  .meta({ description: 'County department system the data came from.' });
