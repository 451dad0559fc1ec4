import { baseConfigSchema } from '@sa/platform';
import { z } from 'zod';

/** The payments service's configuration, read from the environment (its own file, so modules that need `Config` do not import service.ts and its AppModule). */
export const configSchema = baseConfigSchema.extend({
  /** Day of the month (China time) from which the monthly-payroll job pays the current month (发放日). */
  PAYROLL_DAY_OF_MONTH: z.coerce.number().int().min(1, 'must be a day from 1 to 28').max(28, 'must be a day from 1 to 28 (every month has it)').default(10),
  /** Entitlements per payroll batch (one append each, the checkpoint a crashed run resumes after). */
  PAYROLL_BATCH_SIZE: z.coerce.number().int().min(1, 'must be from 1 to 10000').max(10_000, 'must be from 1 to 10000').default(1000),
  /** Months after the current one a payroll may be run for (0: only months that have started; 1: the next month too, where policy pays ahead). */
  PAYROLL_MONTHS_AHEAD: z.coerce.number().int().min(0, 'must be 0, 1 or 2').max(2, 'must be 0, 1 or 2').default(0),
  /** Largest bank result file (回盘文件) accepted, in MB after inflating (about 90 bytes a line: 256 MB ≈ 2.8 million lines). */
  BANK_RESULT_FILE_LIMIT_MB: z.coerce.number().int().min(1, 'must be from 1 to 4096').max(4096, 'must be from 1 to 4096').default(256),
});
export type Config = z.infer<typeof configSchema>;
