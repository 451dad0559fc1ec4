import { baseConfigSchema } from '@sa/platform';
import { z } from 'zod';

/** The intake service's configuration, read from the environment (its own file, so modules that need `Config` do not import service.ts and its AppModule). */
export const configSchema = baseConfigSchema.extend({
  /**
   * The version of sa.intake.application-submitted intake publishes: 2 since catalogue 1.2.0; 1 is
   * the release before it (its readers take both), for rolling back across that change and for the
   * rolling-upgrade test, which replaces replicas publishing 1 with replicas publishing 2.
   */
  INTAKE_APPLICATION_SUBMITTED_VERSION: z.enum(['1', '2'], { message: 'must be 1 or 2' }).default('2'),
});
export type Config = z.infer<typeof configSchema>;
