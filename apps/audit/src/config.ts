import { availableParallelism } from 'node:os';
import { baseConfigSchema } from '@sa/platform';
import { z } from 'zod';
import { sourceSchemasField } from './sources/source-config';

/** The audit service's configuration, read from the environment (its own file, so modules that need `Config` do not import service.ts and its AppModule). */
export const configSchema = baseConfigSchema
  .extend({
    /** The services' event stores the audit reads, read-only: name:schema,… (see sources/source-config.ts). */
    AUDIT_SOURCE_SCHEMAS: sourceSchemasField,
    /** Where the services' schemas live; EVENT_STORE_URL when omitted (it must then be PostgreSQL). */
    AUDIT_SOURCE_DATABASE_URL: z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), { message: 'must be a URL starting with postgres:// or postgresql://' })
      .optional(),
    /** Connections the audit may hold on the services' database (shared by every source). */
    AUDIT_SOURCE_POOL_SIZE: z.coerce.number().int().min(2).max(50).default(6),
    /** Events per page when scanning a whole store (integrity, findings). */
    AUDIT_SCAN_PAGE_SIZE: z.coerce.number().int().min(100).max(50_000).default(5000),
    /** Worker threads verifying integrity in parallel, each a partition of the streams (default: the CPUs, at most 4). */
    AUDIT_INTEGRITY_WORKERS: z.coerce
      .number()
      .int()
      .min(1)
      .max(16)
      .default(() => Math.min(4, availableParallelism())),
    /** Continuous detection over the event flow (findings/findings-watch.ts): only the cases new events touch are examined. */
    AUDIT_CONTINUOUS_DETECTION: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** How often the watch examines the cases touched since its last pass. */
    AUDIT_DETECTION_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(2_000),
    /** Ed25519 private key (PEM) that signs the hash-chain checkpoints; kept out of every database (checkpoints/checkpoints.ts). */
    AUDIT_CHECKPOINT_KEY_FILE: z.string().min(1).optional(),
    /** Its public key, for an audit instance that only verifies. */
    AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
    /** The append-only file of signed checkpoints (JSON Lines); checkpoints are off without it. */
    AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
    /** More touched cases than this in one pass (a first start, a long outage): one full scan instead. */
    AUDIT_DETECTION_BACKLOG_SCAN: z.coerce.number().int().min(1).default(1_000),
  })
  .superRefine((config, ctx) => {
    if (!config.AUDIT_SOURCE_DATABASE_URL && !/^postgres(ql)?:\/\//.test(config.EVENT_STORE_URL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUDIT_SOURCE_DATABASE_URL'],
        message: 'is required when EVENT_STORE_URL is not PostgreSQL (the services keep their events in PostgreSQL schemas)',
      });
    }
  });
export type Config = z.infer<typeof configSchema>;
