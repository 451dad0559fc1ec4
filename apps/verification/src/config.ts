import { baseConfigSchema } from '@sa/platform';
import type { z } from 'zod';

/** The verification service's configuration, read from the environment (its own file, so modules that need `Config` do not import service.ts and its AppModule). */
export const configSchema = baseConfigSchema;
export type Config = z.infer<typeof configSchema>;
