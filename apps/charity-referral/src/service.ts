import { PlatformModule, type ServiceDefinition } from '@sa/platform';
import { AppModule } from './app.module';
import { configSchema, type Config } from './config';

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
