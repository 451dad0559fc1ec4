import { sha256 } from '@sa/domain-payments';
import { nodeSha256 } from './fast-digest';

describe('the service’s SHA-256 for deterministic ids', () => {
  it('gives the same digest as the domain’s pure one, so ids do not change', () => {
    for (const text of ['', 'a', 'sa.payments\u001fpayment-instruction\u001fe-1\u001f2025-03', '低保金'.repeat(40)]) {
      const bytes = new TextEncoder().encode(text);
      expect(Buffer.from(nodeSha256(bytes)).toString('hex')).toBe(Buffer.from(sha256(bytes)).toString('hex'));
    }
  });
});
