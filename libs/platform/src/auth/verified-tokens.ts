/**
 * Tokens this process verified in the last minute, so a case worker's requests do not each pay the
 * signature check again (issue #10: it was about a quarter of intake's CPU per application). Keyed
 * by the whole token text, signature included, per token settings: a token that differs in one
 * character is verified afresh. An entry is used only before the token's own expiry and for at most
 * 60 s after its verification, so a key the identity provider withdraws stops being honoured within
 * a minute, as the JWKS refresh would, and an expired token is always refused by the full check.
 */
interface Entry {
  readonly actor: unknown;
  /** Epoch ms after which the entry is not used: min(exp, verified + 60 s). */
  readonly until: number;
}

const maxAgeMs = 60_000;
const maxEntries = 10_000;
/** Per settings object (the service's one token configuration). */
const bySettings = new WeakMap<object, Map<string, Entry>>();

export function recentlyVerified<Actor>(token: string, settings: object, now = Date.now()): Actor | undefined {
  const entries = bySettings.get(settings);
  const entry = entries?.get(token);
  if (!entry) return undefined;
  if (now < entry.until) return entry.actor as Actor;
  entries?.delete(token);
  return undefined;
}

export function rememberVerified(token: string, settings: object, actor: unknown, expSeconds: number, now = Date.now()): void {
  let entries = bySettings.get(settings);
  if (!entries) bySettings.set(settings, (entries = new Map()));
  entries.set(token, { actor, until: Math.min(expSeconds * 1000, now + maxAgeMs) });
  // The oldest entry goes first (a Map keeps insertion order).
  if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
}
