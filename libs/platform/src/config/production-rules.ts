/**
 * What NODE_ENV=production refuses, on top of each variable's own rule: development conveniences
 * that would be holes in a deployment. Each problem names the variable and says what to use instead.
 */

/**
 * Secrets that are written in this repository (development and test settings): anyone who can read
 * the code knows them, so a deployment that uses one has no secret at all. The secret scan of the
 * static checks (tools/security/secret-scan.ts) accepts exactly these in tracked files: a new one
 * is either removed or listed here, and so refused in production.
 */
export const committedSecrets: readonly string[] = [
  'local-development-only-secret-do-not-deploy-0123456789', // tools/platform/services.ts
  'test-secret-test-secret-test-secret-42', // libs/testing/src/service-test-env.ts
  'sa-local-dev', // deploy/local/config.ts (PostgreSQL)
  'sa-compose', // docker-compose.yml (PostgreSQL)
  'intake-benchmark-secret-0123456789-abcdef', // apps/intake/bench/intake.bench.ts
  'offline-document-generation-only-never-verifies', // libs/platform/src/http/openapi-offline.ts
];

/** The audience a token for "any service" carries in development; a deployment names each service's own. */
export const sharedDevelopmentAudience = 'social-assistance';

function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** The settings these rules read (a validated BaseConfig; config.ts calls this, so no import back). */
interface ProductionSettings {
  readonly NODE_ENV?: string;
  readonly JWT_SECRET?: string;
  readonly JWT_JWKS_URL?: string;
  readonly JWT_AUDIENCE: string;
  readonly ALLOW_CLOCK_CONTROL: boolean;
  readonly KAFKA_SASL_PASSWORD?: string;
  readonly EVENT_STORE_URL: string;
  readonly CHECKPOINT_DATABASE_URL?: string;
  readonly MONGODB_URL: string;
}

export function productionProblems(config: ProductionSettings): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (config.JWT_SECRET) {
    problems.push('JWT_SECRET: HS256 shared secrets are refused when NODE_ENV=production (any holder could mint tokens); use JWT_JWKS_URL or JWT_PUBLIC_KEY');
  }
  if (config.JWT_JWKS_URL && !config.JWT_JWKS_URL.startsWith('https://')) problems.push('JWT_JWKS_URL: must be an https:// URL when NODE_ENV=production');
  if (config.JWT_AUDIENCE === sharedDevelopmentAudience) {
    problems.push(`JWT_AUDIENCE: must name this service (e.g. sa-intake) when NODE_ENV=production, not the shared "${sharedDevelopmentAudience}"`);
  }
  if (config.ALLOW_CLOCK_CONTROL)
    problems.push('ALLOW_CLOCK_CONTROL: cannot be true when NODE_ENV=production (it lets a caller move the service\u2019s clock)');
  const secrets: [string, string | undefined][] = [
    ['JWT_SECRET', config.JWT_SECRET],
    ['KAFKA_SASL_PASSWORD', config.KAFKA_SASL_PASSWORD],
    ['EVENT_STORE_URL', urlPassword(config.EVENT_STORE_URL)],
    ['CHECKPOINT_DATABASE_URL', urlPassword(config.CHECKPOINT_DATABASE_URL)],
    ['MONGODB_URL', urlPassword(config.MONGODB_URL)],
  ];
  for (const [name, value] of secrets) {
    if (value && committedSecrets.includes(value)) problems.push(`${name}: uses a secret that is written in this repository; it is no secret in production`);
  }
  return problems;
}
