import { baseConfigSchema, PlatformModule, type ServiceDefinition } from '@sa/platform';
import type { z } from 'zod';
import { AppModule } from './app.module';

export const configSchema = baseConfigSchema;
export type Config = z.infer<typeof configSchema>;

export const service: ServiceDefinition<Config> = {
  name: 'payments',
  title: 'Payments service',
  description: 'Entitlements, monthly payroll, bank disbursement and reconciliation (资金发放).',
  configSchema,
  createModule: (config, logger) => ({
    module: AppModule,
    imports: [PlatformModule.forRoot({ serviceName: 'payments', config, logger })],
  }),
};
