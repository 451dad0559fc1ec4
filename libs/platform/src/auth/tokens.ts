/**
 * Signed JWT bearer tokens. Claims: sub (user or system id), role, org (organisation unit region
 * code), name (optional). HS256 with a shared secret for development; RS256/ES256 with the identity
 * provider's public key in production.
 */
import { isRegionCode, isRole, parseRegionCode, type Actor } from '@sa/domain-shared';
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface TokenSettings {
  readonly secret?: string;
  readonly publicKey?: string;
  readonly issuer: string;
  readonly audience: string;
}

export class TokenError extends Error {
  override readonly name = 'TokenError';
}

export interface AuthenticatedActor extends Actor {
  readonly name?: string;
}

/**
 * Keys as KeyObjects, made once per configured key: given a string, jsonwebtoken builds a KeyObject
 * on every verify, and for a shared secret first tries (and fails) to read it as a public key —
 * measured at about 5 % of intake's CPU under load.
 */
const keyObjects = new Map<string, KeyObject>();

function keyObject(settings: TokenSettings): KeyObject | undefined {
  const text = settings.publicKey ?? settings.secret;
  if (!text) return undefined;
  const cacheKey = `${settings.publicKey ? 'public' : 'secret'}:${text}`;
  let key = keyObjects.get(cacheKey);
  if (!key) {
    try {
      key = settings.publicKey ? createPublicKey(settings.publicKey) : createSecretKey(Buffer.from(text, 'utf8'));
    } catch (error) {
      throw new TokenError(`the configured verification key cannot be read: ${(error as Error).message}`);
    }
    keyObjects.set(cacheKey, key);
  }
  return key;
}

export function verifyToken(token: string, settings: TokenSettings): AuthenticatedActor {
  const key = keyObject(settings);
  if (!key) throw new TokenError('no verification key is configured');
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, key, {
      algorithms: settings.publicKey ? ['RS256', 'ES256'] : ['HS256'],
      issuer: settings.issuer,
      audience: settings.audience,
    });
  } catch (error) {
    throw new TokenError(`bearer token rejected: ${(error as Error).message}`);
  }
  if (typeof claims === 'string') throw new TokenError('bearer token has no claims');
  const { sub, role, org, name } = claims as { sub?: unknown; role?: unknown; org?: unknown; name?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new TokenError('bearer token claim "sub" must be the user id');
  if (typeof role !== 'string' || !isRole(role)) throw new TokenError(`bearer token claim "role" must be a known role, got "${String(role)}"`);
  if (typeof org !== 'string' || !/^(\d{6}|\d{9}|\d{12})$/.test(org) || !isRegionCode(org))
    throw new TokenError('bearer token claim "org" must be a 6, 9 or 12-digit region code');
  return { userId: sub, role, orgUnit: parseRegionCode(org), ...(typeof name === 'string' ? { name } : {}) };
}

/** Issues a token (development and tests; production tokens come from the identity provider). */
export function signDevToken(
  actor: { userId: string; role: string; orgUnit: string; name?: string },
  settings: { secret: string; issuer: string; audience: string; expiresInSeconds?: number },
): string {
  return jwt.sign({ role: actor.role, org: actor.orgUnit, ...(actor.name ? { name: actor.name } : {}) }, settings.secret, {
    algorithm: 'HS256',
    subject: actor.userId,
    issuer: settings.issuer,
    audience: settings.audience,
    expiresIn: settings.expiresInSeconds ?? 8 * 3600,
  });
}
