import { PlatformModule, type ServiceDefinition } from '@sa/platform';
import { AppModule } from './app.module';
import { configSchema, type Config } from './config';

export const service: ServiceDefinition<Config> = {
  name: 'audit',
  title: 'Audit service',
  description:
    'Read-only audit of every service’s event history (审计、纪检监察): complete case replay with actors, reasons and rule traces, state at any moment, hash-chain integrity, findings of favouritism and false claims; every audit query is itself recorded.',
  configSchema,
  createModule: (config, logger) => ({
    module: AppModule,
    imports: [PlatformModule.forRoot({ serviceName: 'audit', config, logger })],
  }),
};
