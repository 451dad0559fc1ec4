import { PlatformModule, type ServiceDefinition } from '@sa/platform';
import { AppModule } from './app.module';
import { configSchema, type Config } from './config';
import { EntitlementTable } from './payroll/entitlement-table';

export const service: ServiceDefinition<Config> = {
  name: 'payments',
  title: 'Payments service',
  description: 'Entitlements, monthly payroll, bank disbursement and reconciliation (资金发放).',
  configSchema,
  createModule: (config, logger) => ({
    module: AppModule,
    imports: [PlatformModule.forRoot({ serviceName: 'payments', config, logger })],
  }),
  migrateOwnTables: (pool, schema) => new EntitlementTable(pool, schema).ensure(),
};
