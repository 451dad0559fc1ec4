import { PlatformModule, type ServiceDefinition } from '@sa/platform';
import { AppModule } from './app.module';
import { ReviewScheduleTable } from './periodic-reviews/review-schedule-table';
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
  // The review schedule table beside the events (periodic reviews), created by the schema's owner.
  migrateOwnTables: (pool, schema) => new ReviewScheduleTable(pool, schema).ensure(),
};
