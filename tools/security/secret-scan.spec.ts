import { resolve } from 'node:path';
import { scanRepository, scanText } from './secret-scan';

// Built from parts so that this file itself holds none of them.
const begin = ['-----BEGIN', 'PRIVATE KEY-----'].join(' ');
const awsKey = ['AKIA', 'Q3EGRV7PZ4XW2N5K'].join('');
const randomToken = ['q8Zr2', 'LmX9vT4', 'pWc7Ns1', 'Kd6Hy'].join('');

describe('secret scan', () => {
  it.each([
    ['a private key', `${begin}\nMIIEv…`, 'private key'],
    ['an AWS access key id', `const id = '${awsKey}';`, 'AWS access key id'],
    ['a password in a URL', `EVENT_STORE_URL=postgres://svc_payments:${randomToken}@db:5432/sa`, 'password in a URL'],
    ['a random token assigned to a secret', `  apiKey: "${randomToken}",`, 'random value assigned to a password, secret, token or key'],
  ])('finds %s, naming the rule and line, not the value', (_what, text, rule) => {
    // Given a tracked file holding it, When scanned, Then one finding names its rule and line
    const findings = scanText('config/site.ts', `// header\n${text}`);
    expect(findings).toEqual([{ file: 'config/site.ts', line: 2, rule }]);
    expect(JSON.stringify(findings)).not.toContain(randomToken);
  });

  it.each([
    ['the development secrets the production rules refuse', "DATABASE_URL ?? 'postgres://sa:sa-local-dev@127.0.0.1:55432/social_assistance'"],
    ['placeholders', "--from-literal=EVENT_STORE_URL='postgres://payments:…@pg.example:5432/social_assistance'"],
    ["a test's short URL password", "EVENT_STORE_URL: 'postgres://u:p@127.0.0.1:5432/db'"],
    ['words, not randomness', "const secretName = 'payments-database-credentials';"],
    ['a line that says why it is no secret', `// secret-scan: allow the SDK's documented example key\nconst id = '${awsKey}';`],
  ])('accepts %s', (_what, text) => {
    expect(scanText('any.ts', text)).toEqual([]);
  });

  it('finds nothing in the tracked files of this repository', () => {
    expect(scanRepository(resolve(__dirname, '..', '..'))).toEqual([]);
  });
});
