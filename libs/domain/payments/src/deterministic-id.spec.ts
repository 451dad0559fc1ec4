import { entitlementIdFor, nameBasedUuid, paymentInstructionId, payrollRunId, sha256 } from './deterministic-id';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('deterministic ids', () => {
  it('computes SHA-256 as FIPS 180-4 says (published and boundary test vectors)', () => {
    expect(hex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(utf8('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    // Lengths either side of the padding boundaries (55/56 and 63/64/65 bytes, two blocks), and UTF-8.
    const vectors: Array<[string, string]> = [
      ['a'.repeat(55), '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318'],
      ['a'.repeat(56), 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
      ['a'.repeat(63), '7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34'],
      ['a'.repeat(64), 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb'],
      ['a'.repeat(65), '635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0'],
      ['a'.repeat(119), '31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb'],
      ['a'.repeat(120), '2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c'],
      ['最低生活保障', 'f42144fa08c6ee095eaea6e6f03c1591791c98d37ed37f58990f04e998607395'],
    ];
    for (const [text, digest] of vectors) expect(hex(sha256(utf8(text)))).toBe(digest);
  });

  it('gives the same run id for the same region and month, and different ids otherwise', () => {
    expect(payrollRunId('330102', '2025-04')).toBe(payrollRunId('330102', '2025-04'));
    expect(payrollRunId('330102', '2025-04')).not.toBe(payrollRunId('330102', '2025-05'));
    expect(payrollRunId('330102', '2025-04')).not.toBe(payrollRunId('330103', '2025-04'));
    expect(paymentInstructionId('e-1', '2025-04')).not.toBe(payrollRunId('e-1', '2025-04'));
  });

  it('gives one entitlement id per approved case', () => {
    const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
    expect(entitlementIdFor(applicationId)).toBe(entitlementIdFor(applicationId));
    expect(entitlementIdFor(applicationId)).not.toBe(paymentInstructionId(applicationId, ''));
    expect(entitlementIdFor(applicationId)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps parts apart', () => {
    expect(nameBasedUuid('k', 'a', 'bc')).not.toBe(nameBasedUuid('k', 'ab', 'c'));
  });

  it('looks like the UUIDs the contracts accept (lower-case, version 4 layout)', () => {
    expect(paymentInstructionId('0195f3c1-2b3c-7d4e-9f5a-6b7c8d9e0f1a', '2025-04')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
