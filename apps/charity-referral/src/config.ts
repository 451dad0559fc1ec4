import { baseConfigSchema } from '@sa/platform';
import { z } from 'zod';

/** The charity-referral service's configuration, read from the environment (its own file, so modules that need `Config` do not import service.ts and its AppModule). */
export const configSchema = baseConfigSchema.extend({
  /** Hours an organisation has to answer an offer before the referral moves to the next match (1 h – 90 days). */
  REFERRAL_RESPONSE_WINDOW_HOURS: z.coerce
    .number()
    .int('must be a whole number of hours')
    .min(1, 'must be at least 1 hour')
    .max(2160, 'must be at most 2160 hours (90 days)')
    .default(72),
});
export type Config = z.infer<typeof configSchema>;
