/**
 * What a bearer token must carry besides a good signature: an expiry, a bounded lifetime, and this
 * service's audience; and keys from the identity provider's JWKS, rotated by kid without a restart.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import jwt from 'jsonwebtoken';
import { signDevToken, verifyToken } from './tokens';

const secret = 's'.repeat(40);
const settings = { secret, issuer: 'social-assistance', audience: 'sa-intake' };
const claims = { role: 'intake-worker', org: '331002' };

describe('token limits', () => {
  it('refuses a token without exp, whatever else is right', async () => {
    // Given a correctly signed token that never expires
    const forever = jwt.sign(claims, secret, { algorithm: 'HS256', subject: 'wang.fang', issuer: 'social-assistance', audience: 'sa-intake' });
    // Then it is refused, naming the missing claim
    await expect(verifyToken(forever, settings)).rejects.toThrow(/missing required "exp" claim/);
  });

  it('refuses a token that lives longer than the maximum, and takes one within it', async () => {
    const week = signDevToken({ userId: 'x', role: 'auditor', orgUnit: '331002' }, { ...settings, expiresInSeconds: 7 * 24 * 3600 });
    await expect(verifyToken(week, { ...settings, maxLifetimeSeconds: 12 * 3600 })).rejects.toThrow(/lives longer than 43200 s/);
    const shift = signDevToken({ userId: 'x', role: 'auditor', orgUnit: '331002' }, { ...settings, expiresInSeconds: 8 * 3600 });
    await expect(verifyToken(shift, { ...settings, maxLifetimeSeconds: 12 * 3600 })).resolves.toMatchObject({ userId: 'x' });
  });

  it('refuses a token made for another service; one naming several services opens each of them', async () => {
    // Given a token for payments only
    const forPayments = signDevToken({ userId: 'x', role: 'auditor', orgUnit: '331002' }, { ...settings, audience: 'sa-payments' });
    // Then intake refuses it
    await expect(verifyToken(forPayments, settings)).rejects.toThrow(/unexpected "aud" claim value/);
    // And a token naming both is taken by intake
    const forBoth = signDevToken({ userId: 'x', role: 'auditor', orgUnit: '331002' }, { ...settings, audience: ['sa-payments', 'sa-intake'] });
    await expect(verifyToken(forBoth, settings)).resolves.toMatchObject({ userId: 'x' });
  });
});

describe('keys from a JWKS', () => {
  let server: Server;
  let published: JWK[] = [];
  let jwksUrl: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function keyPair(kid: string) {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
  }

  function token(key: Awaited<ReturnType<typeof keyPair>>, audience = 'sa-intake') {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setSubject('wang.fang')
      .setIssuer('social-assistance')
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key.privateKey);
  }

  it('verifies by kid, follows a rotation without a restart, and refuses HS256 and unknown keys', async () => {
    // Given the provider publishes key 2026-01
    const first = await keyPair('2026-01');
    published = [first.jwk];
    const jwks = { jwksUrl, issuer: 'social-assistance', audience: 'sa-intake', jwksCooldownMs: 0 };
    await expect(verifyToken(await token(first), jwks)).resolves.toMatchObject({ userId: 'wang.fang', role: 'intake-worker' });

    // When it rotates to key 2026-02 (the old one still published for tokens in flight)
    const second = await keyPair('2026-02');
    published = [second.jwk, first.jwk];
    // Then tokens of the new key verify (the set is fetched again for the unknown kid), and the old ones still do
    await expect(verifyToken(await token(second), jwks)).resolves.toMatchObject({ userId: 'wang.fang' });
    await expect(verifyToken(await token(first), jwks)).resolves.toMatchObject({ userId: 'wang.fang' });

    // And a token signed with a key the provider never published, or with a shared secret, is refused
    const stranger = await keyPair('2026-02');
    await expect(verifyToken(await token(stranger), jwks)).rejects.toThrow(/signature verification failed/);
    const hs256 = signDevToken({ userId: 'x', role: 'auditor', orgUnit: '331002' }, { secret, issuer: 'social-assistance', audience: 'sa-intake' });
    await expect(verifyToken(hs256, jwks)).rejects.toThrow(/"alg" \(Algorithm\) Header Parameter value not allowed/);
  });
});
