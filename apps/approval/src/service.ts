import { PlatformModule, type ServiceDefinition } from '@sa/platform';
import { AppModule } from './app.module';
import { configSchema, type Config } from './config';

export const service: ServiceDefinition<Config> = {
  name: 'approval',
  title: 'Approval service',
  description: 'Township review (审核), public notice (公示) and county confirmation (确认).',
  configSchema,
  createModule: (config, logger) => ({
    module: AppModule,
    imports: [PlatformModule.forRoot({ serviceName: 'approval', config, logger })],
  }),
};
