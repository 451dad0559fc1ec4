import { baseConfigSchema, PlatformModule, type ServiceDefinition } from '@sa/platform';
import type { z } from 'zod';
import { AppModule } from './app.module';

export const configSchema = baseConfigSchema;
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
