import { baseConfigSchema, PlatformModule, type ServiceDefinition } from '@sa/platform';
import { z } from 'zod';
import { AppModule } from './app.module';

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

export const service: ServiceDefinition<Config> = {
  name: 'charity-referral',
  title: 'Charity referral service',
  description: 'Consent-based referral to charity and social organisations (慈善转介).',
  configSchema,
  createModule: (config, logger) => ({
    module: AppModule,
    imports: [PlatformModule.forRoot({ serviceName: 'charity-referral', config, logger })],
  }),
};
