import { PlatformModule, type ServiceDefinition } from '@sa/platform';
import { AppModule } from './app.module';
import { configSchema, type Config } from './config';

export const service: ServiceDefinition<Config> = {
  name: 'intake',
  title: 'Intake service',
  description: 'Household applications (申请受理) and active-discovery leads (主动发现) for dibao and extreme-poverty support.',
  configSchema,
  createModule: (config, logger) => ({
    module: AppModule,
    imports: [PlatformModule.forRoot({ serviceName: 'intake', config, logger })],
  }),
};
