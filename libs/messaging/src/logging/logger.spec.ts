import { describeError, maskKey } from './logger';

describe('log redaction', () => {
  it('masks a resident ID used as a Kafka key, keeping only its region code', () => {
    expect(maskKey('330102195806120026')).toBe('330102************');
    expect(maskKey('0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e')).toBe('0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e');
    expect(maskKey(undefined)).toBeUndefined();
  });

  it('masks resident IDs inside error messages', () => {
    expect(describeError(new Error('no household member 11010519491231002X found'))).toBe('Error: no household member 110105************ found');
  });
});
