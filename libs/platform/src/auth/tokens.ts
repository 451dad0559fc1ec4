/**
 * Signed JWT bearer tokens (verified with `jose`). Claims: sub (user or system id), role, org
 * (organisation unit region code), name (optional), and always iat and exp.
 *
 * Keys, in the order a deployment should prefer them:
 * - JWT_JWKS_URL: the identity provider's JSON Web Key Set. A token names its key by `kid`; a kid
 *   not seen before makes the set be fetched again (at most every 30 s), so the provider rotates
 *   keys without a restart here. RS256, ES256 or EdDSA.
 * - JWT_PUBLIC_KEY: one PEM public key (RS256, ES256 or EdDSA).
 * - JWT_SECRET: a shared HS256 secret, for development and tests only: refused in production
 *   (config.ts), because every service holding it could mint tokens for all the others.
 *
 * Every token must expire (exp), say when it was issued (iat), live at most JWT_MAX_LIFETIME_SECONDS
 * (a stolen token stays useful that long at most), and name this service's audience (aud).
 */
import { isRegionCode, isRole, parseRegionCode, type Actor } from '@sa/domain-shared';
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import jwt from 'jsonwebtoken';
import { recentlyVerified, rememberVerified } from './verified-tokens';

export interface TokenSettings {
  readonly secret?: string;
  readonly publicKey?: string;
  readonly jwksUrl?: string;
  readonly issuer: string;
  /** This service's audience: a token must name it in aud (one token may name several services). */
  readonly audience: string;
  /** How soon a token with an unknown kid may fetch the JWKS again (default 30 s): a flood of forged kids cannot hammer the provider. */
  readonly jwksCooldownMs?: number;
  /** The longest a token may live, exp − iat (default 12 h). */
  readonly maxLifetimeSeconds?: number;
}

export class TokenError extends Error {
  override readonly name = 'TokenError';
}

export interface AuthenticatedActor extends Actor {
  readonly name?: string;
}

export const defaultMaxTokenLifetimeSeconds = 12 * 3600;
const asymmetric = ['RS256', 'ES256', 'EdDSA'];

/** Keys made once per configured key (building one per request cost ~5 % of intake's CPU under load). */
const keys = new Map<string, KeyObject | JWTVerifyGetKey>();

function verificationKey(settings: TokenSettings): { key: KeyObject | JWTVerifyGetKey; algorithms: string[] } | undefined {
  const [kind, text] = settings.jwksUrl
    ? ['jwks', settings.jwksUrl]
    : settings.publicKey
      ? ['public', settings.publicKey]
      : settings.secret
        ? ['secret', settings.secret]
        : [];
  if (!kind || !text) return undefined;
  const cacheKey = `${kind}:${text}`;
  let key = keys.get(cacheKey);
  if (!key) {
    try {
      if (kind === 'jwks')
        key = createRemoteJWKSet(new URL(text), { cooldownDuration: settings.jwksCooldownMs ?? 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
      else key = kind === 'public' ? createPublicKey(text) : createSecretKey(Buffer.from(text, 'utf8'));
    } catch (error) {
      throw new TokenError(`the configured verification key cannot be read: ${(error as Error).message}`);
    }
    keys.set(cacheKey, key);
  }
  return { key, algorithms: kind === 'secret' ? ['HS256'] : asymmetric };
}

async function verifiedClaims(token: string, settings: TokenSettings): Promise<JWTPayload> {
  const verification = verificationKey(settings);
  if (!verification) throw new TokenError('no verification key is configured');
  // currentDate from Date.now: the same clock the verified-token memory checks expiry against.
  const options = {
    algorithms: verification.algorithms,
    issuer: settings.issuer,
    audience: settings.audience,
    requiredClaims: ['exp', 'iat', 'sub'],
    currentDate: new Date(Date.now()),
  };
  try {
    const { payload } =
      typeof verification.key === 'function' ? await jwtVerify(token, verification.key, options) : await jwtVerify(token, verification.key, options);
    return payload;
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) throw new TokenError('bearer token rejected: no key of the identity provider has its kid');
    throw new TokenError(`bearer token rejected: ${(error as Error).message}`);
  }
}

export async function verifyToken(token: string, settings: TokenSettings): Promise<AuthenticatedActor> {
  const known = recentlyVerified<AuthenticatedActor>(token, settings);
  if (known) return known;
  const claims = await verifiedClaims(token, settings);
  const maxLifetime = settings.maxLifetimeSeconds ?? defaultMaxTokenLifetimeSeconds;
  if ((claims.exp as number) - (claims.iat as number) > maxLifetime) {
    throw new TokenError(`bearer token rejected: it lives longer than ${maxLifetime} s (exp − iat); ask for a shorter-lived token`);
  }
  const { sub, role, org, name } = claims as { sub?: unknown; role?: unknown; org?: unknown; name?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new TokenError('bearer token claim "sub" must be the user id');
  if (typeof role !== 'string' || !isRole(role)) throw new TokenError(`bearer token claim "role" must be a known role, got "${String(role)}"`);
  if (typeof org !== 'string' || !/^(\d{6}|\d{9}|\d{12})$/.test(org) || !isRegionCode(org))
    throw new TokenError('bearer token claim "org" must be a 6, 9 or 12-digit region code');
  const actor: AuthenticatedActor = Object.freeze({ userId: sub, role, orgUnit: parseRegionCode(org), ...(typeof name === 'string' ? { name } : {}) });
  rememberVerified(token, settings, actor, claims.exp as number);
  return actor;
}

/** Issues an HS256 token (development and tests; production tokens come from the identity provider). Synchronous, so tests can make tokens at load. */
export function signDevToken(
  actor: { userId: string; role: string; orgUnit: string; name?: string },
  settings: { secret: string; issuer: string; audience: string | readonly string[]; expiresInSeconds?: number },
): string {
  return jwt.sign({ role: actor.role, org: actor.orgUnit, ...(actor.name ? { name: actor.name } : {}) }, settings.secret, {
    algorithm: 'HS256',
    subject: actor.userId,
    issuer: settings.issuer,
    audience: typeof settings.audience === 'string' ? settings.audience : [...settings.audience],
    expiresIn: settings.expiresInSeconds ?? 8 * 3600,
  });
}
