/**
 * A secret scan over the tracked files (a static check of `npm test`): private keys, cloud access
 * keys, bearer tokens, passwords in URLs and long random-looking values assigned to a password,
 * secret, token or key. A finding names file, line and rule, never the value. The development
 * and test secrets the repository holds on purpose are the production rules' `committedSecrets`
 * (libs/platform/src/config/production-rules.ts): accepted here, refused when NODE_ENV=production;
 * any other is a finding. A line may also say why a value is not a secret, on itself or the line
 * above: `secret-scan: allow <why>`. Placeholders (…, ***, <…>, ${…}, $VAR, changeme) and URL
 * passwords under 8 characters (tests' `u:p@`) are not findings.
 *
 *   npx tsx tools/security/secret-scan.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
// The one list of secrets written in the repository, shared with the production rules (pure: no Nest).
import { committedSecrets } from '../../libs/platform/src/config/production-rules';

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
}

const placeholder = /^(?:…+|\*+|x+|<[^>]*>|\$\{[^}]*\}|\$\w+|\{\{[^}]*\}\}|changeme|password|secret|example\w*|\.\.\.)$/i;

/** Bits per character: random secrets score above 3.5; words, paths and identifiers mostly below. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  /** The captured value is a secret (not a placeholder, random enough); absent: any match is one. */
  readonly secret?: (value: string) => boolean;
}

const decoded = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};
const known = (value: string) => placeholder.test(value) || committedSecrets.includes(decoded(value));
/** Long, letters mixed with digits (keys, tokens, hex or base64), and of high entropy: a name made of words is none. */
const randomLooking = (value: string) => !known(value) && value.length >= 16 && /\d/.test(value) && /[A-Za-z]/.test(value) && entropy(value) > 3.5;

export const rules: readonly Rule[] = [
  { name: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/ },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { name: 'password in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]+:([^\s@/'"`]+)@/i, secret: (v) => !known(v) && v.length >= 8 },
  {
    name: 'random value assigned to a password, secret, token or key',
    pattern: /(?:password|passwd|secret|token|api[_-]?key|private[_-]?key)\w*["']?\s*[:=]\s*["'`]([^"'`\s]{16,})["'`]/i,
    secret: randomLooking,
  },
];

const allowMarker = /secret-scan: allow \S/;

export function scanText(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (allowMarker.test(line) || (i > 0 && allowMarker.test(lines[i - 1] ?? ''))) return;
    for (const rule of rules) {
      const match = rule.pattern.exec(line);
      if (match && (!rule.secret || rule.secret(match[1] ?? ''))) findings.push({ file, line: i + 1, rule: rule.name });
    }
  });
  return findings;
}

/** Lock files hold integrity hashes (random by design), not secrets. */
const skipped = /(^|\/)(package-lock\.json|go\.sum)$|\.(png|jpg|jpeg|gif|ico|pdf|zip|gz|jar|woff2?)$/;

export function scanRepository(root: string): Finding[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  const findings: Finding[] = [];
  for (const file of files) {
    if (skipped.test(file)) continue;
    const path = join(root, file);
    let text: string;
    try {
      if (statSync(path).size > 2_000_000) continue;
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    if (text.includes('\0')) continue; // binary
    findings.push(...scanText(file, text));
  }
  return findings;
}

if (require.main === module) {
  const findings = scanRepository(resolve(__dirname, '..', '..'));
  for (const f of findings) console.error(`${f.file}:${f.line}: ${f.rule}`);
  if (findings.length > 0) {
    console.error(`${findings.length} possible secret(s) in tracked files: remove them, or mark a deliberate non-secret with "secret-scan: allow <why>"`);
    process.exit(1);
  }
}
