import { PlatformModule, type ServiceDefinition } from '@sa/platform';
import { AppModule } from './app.module';
import { configSchema, type Config } from './config';

export const service: ServiceDefinition<Config> = {
  name: 'verification',
  title: 'Verification service',
  description: 'Household economic-status checks (家庭经济状况核对) against county department data.',
  configSchema,
  createModule: (config, logger) => ({
    module: AppModule,
    imports: [PlatformModule.forRoot({ serviceName: 'verification', config, logger })],
  }),
};
