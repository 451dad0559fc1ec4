import { baseConfigSchema, PlatformModule, type ServiceDefinition } from '@sa/platform';
import type { z } from 'zod';
import { AppModule } from './app.module';

export const configSchema = baseConfigSchema;
export type Config = z.infer<typeof configSchema>;

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
