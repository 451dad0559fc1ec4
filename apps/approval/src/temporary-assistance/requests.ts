import { dateField, fenField, textField } from '@sa/contracts';
import { uuidParam } from '@sa/platform';
import { z } from 'zod';

export const temporaryDecisionParams = z.object({ id: uuidParam('a temporary-assistance case id') });

export const approveTemporaryRequest = z.object({
  totalFen: fenField('Total approved, the urgent advance included.'),
  stages: z.array(z.object({ dueDate: dateField('Paid on or after this day.'), amountFen: fenField('Amount of the stage.') })).max(24),
  reasons: textField('Reasons for the decision (recorded, shown to auditors).', 2000),
  stillInHardship: z.boolean().optional().meta({ description: 'Hardship remains after this assistance: with consent, a charity referral follows.' }),
});

export const rejectTemporaryRequest = z.object({ reasons: textField('Reasons, told to the household.', 2000) });

export const temporaryDecisionAnswer = z.object({
  caseId: z.string(),
  status: z.enum(['awaiting-township', 'awaiting-county', 'approved', 'rejected']),
  township: z.string(),
  urgentAdvanceFen: z.int(),
});
