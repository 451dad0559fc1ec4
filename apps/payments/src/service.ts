import { baseConfigSchema, PlatformModule, type ServiceDefinition } from '@sa/platform';
import { z } from 'zod';
import { AppModule } from './app.module';

export const configSchema = baseConfigSchema.extend({
  /** Day of the month (China time) from which the monthly-payroll job pays the current month (发放日). */
  PAYROLL_DAY_OF_MONTH: z.coerce.number().int().min(1, 'must be a day from 1 to 28').max(28, 'must be a day from 1 to 28 (every month has it)').default(10),
});
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
