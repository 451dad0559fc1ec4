import { signDevToken, TokenError, verifyToken } from './tokens';
import { isInJurisdiction } from './jurisdiction';

const settings = { secret: 's'.repeat(40), issuer: 'social-assistance', audience: 'social-assistance' };

describe('bearer tokens', () => {
  it('round-trips the actor: user, role and organisation unit (normalised region code)', async () => {
    const token = signDevToken({ userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002001000', name: '王芳' }, settings);
    await expect(verifyToken(token, settings)).resolves.toEqual({ userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002001', name: '王芳' });
  });

  it('rejects a token signed with another key, an unknown role or a bad org unit', async () => {
    const foreign = signDevToken({ userId: 'x', role: 'auditor', orgUnit: '331002' }, { ...settings, secret: 'o'.repeat(40) });
    await expect(verifyToken(foreign, settings)).rejects.toThrow(/signature verification failed/);
    const badRole = signDevToken({ userId: 'x', role: 'mayor', orgUnit: '331002' }, settings);
    await expect(verifyToken(badRole, settings)).rejects.toThrow(TokenError);
    await expect(verifyToken(badRole, settings)).rejects.toThrow(/claim "role" must be a known role, got "mayor"/);
    const badOrg = signDevToken({ userId: 'x', role: 'auditor', orgUnit: '33' }, settings);
    await expect(verifyToken(badOrg, settings)).rejects.toThrow(/claim "org"/);
  });

  it('rejects an expired token', async () => {
    const expired = signDevToken({ userId: 'x', role: 'auditor', orgUnit: '331002' }, { ...settings, expiresInSeconds: -10 });
    await expect(verifyToken(expired, settings)).rejects.toThrow(/"exp" claim timestamp check failed/);
  });
});

describe('verified tokens remembered for a minute', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers a token verified before without verifying it again, and refuses it once it has expired', async () => {
    // Given a token verified once
    const token = signDevToken({ userId: 'li.na', role: 'intake-worker', orgUnit: '331002' }, { ...settings, expiresInSeconds: 30 });
    const actor = await verifyToken(token, settings);

    // When it comes again: the same actor; when it comes after its exp: refused
    await expect(verifyToken(token, settings)).resolves.toBe(actor);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 31_000);
    await expect(verifyToken(token, settings)).rejects.toThrow(/"exp" claim timestamp check failed/);
  });

  it('verifies afresh a token that differs in one character, and one presented to other settings', async () => {
    // Given a token verified once
    const token = signDevToken({ userId: 'li.na', role: 'intake-worker', orgUnit: '331002' }, settings);
    await verifyToken(token, settings);

    // Then a copy with its signature changed is refused, and so is the same token where another secret is configured
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    await expect(verifyToken(forged, settings)).rejects.toThrow(TokenError);
    await expect(verifyToken(token, { ...settings, secret: 'o'.repeat(40) })).rejects.toThrow(/signature verification failed/);
  });
});

describe('jurisdiction', () => {
  it('lets a city or province unit see the villages within it, and nothing outside', () => {
    expect(isInJurisdiction({ orgUnit: '331000' }, '331002001001')).toBe(true);
    expect(isInJurisdiction({ orgUnit: '330000' }, '331002001001')).toBe(true);
    expect(isInJurisdiction({ orgUnit: '331002001' }, '331002001001')).toBe(true);
    expect(isInJurisdiction({ orgUnit: '331002001' }, '331002002001')).toBe(false);
    expect(isInJurisdiction({ orgUnit: '330100' }, '331002001001')).toBe(false);
  });
});

describe('verification keys', () => {
  it('answers a configured public key that cannot be read with a TokenError naming the problem, not a crash', async () => {
    // Given a deployment whose JWT_PUBLIC_KEY is not a PEM key
    const settings = { publicKey: 'not a key', issuer: 'social-assistance', audience: 'social-assistance' };

    // Then a request's token is refused as unverifiable (401 by the guard), every time
    await expect(verifyToken('a.b.c', settings)).rejects.toThrow(TokenError);
    await expect(verifyToken('a.b.c', settings)).rejects.toThrow(/verification key cannot be read/);
  });
});
