/**
 * Request bodies of the approval API, validated with zod so a 400 names the field and the rule.
 * Reasons use the contracts' reason field, so what the API accepts is exactly what it publishes.
 */
import { dateField, reasonField, regionCodeField, textField } from '@sa/contracts';
import { z } from 'zod';
import { caseStatuses } from './case-view';

const reasons = z.array(reasonField).max(20, 'must give at most 20 reasons');

export const reviewRequest = z.object({
  recommendation: z.enum(['approve', 'reject']),
  /** Required in substance when rejecting; empty adopts the economic check's ineligibility reasons. */
  reasons: reasons.default([]),
});
export type ReviewRequest = z.infer<typeof reviewRequest>;

export const publicNoticeRequest = z.object({
  /** First day of the notice; today (by the service clock, China time) when omitted. */
  startsOn: dateField('First day of the notice.').optional(),
});
export type PublicNoticeRequest = z.infer<typeof publicNoticeRequest>;

export const lodgeObjectionRequest = z.object({
  summary: textField('What the objection says, without the objector’s identity.', 1000),
});
export type LodgeObjectionRequest = z.infer<typeof lodgeObjectionRequest>;

export const resolveObjectionRequest = z.object({
  /** true: the objection holds and the case goes back for a new check, review and notice. */
  sustained: z.boolean(),
  note: textField('What the investigation of the objection found.', 1000),
});
export type ResolveObjectionRequest = z.infer<typeof resolveObjectionRequest>;

export const homeVisitRequest = z.object({
  /** Day of the visit; today when omitted. */
  visitedOn: dateField('Day of the visit.').optional(),
  findings: textField('What the visit found.', 2000),
});
export type HomeVisitRequest = z.infer<typeof homeVisitRequest>;

export const confirmationRequest = z.object({
  /** The case worker's judgement whether the household stays in hardship after the benefit (charity referral may follow). */
  stillInHardship: z.boolean(),
});
export type ConfirmationRequest = z.infer<typeof confirmationRequest>;

export const rejectionRequest = z.object({
  /** Omitted or empty: the township's reasons when it recommended rejection, otherwise what the economic check found. */
  reasons: reasons.optional(),
});
export type RejectionRequest = z.infer<typeof rejectionRequest>;

/** awaiting-confirmation: on notice and the notice has ended by the service clock. */
export const listCasesQuery = z.object({
  region: regionCodeField.optional(),
  status: z.enum([...caseStatuses, 'awaiting-confirmation']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;
