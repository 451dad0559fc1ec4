import { applyRatio, basisPoints, fen, formatYuan, multiplyFen, yuanToFen } from './fen';

describe('money in fen', () => {
  it('parses and formats yuan exactly', () => {
    expect(yuanToFen('1190')).toBe(119000);
    expect(yuanToFen('992.21')).toBe(99221);
    expect(yuanToFen('0.1')).toBe(10);
    expect(formatYuan(fen(212700))).toBe('2127.00');
    expect(formatYuan(fen(-5))).toBe('-0.05');
    expect(() => yuanToFen('1.005')).toThrow(/two decimals/);
  });

  it('applies 30 % of the urban standard without floating point', () => {
    // 30% × 1,190.00 = 357.00; 0.1 + 0.2 style drift cannot happen in integers.
    expect(basisPoints(fen(119000), 3000)).toBe(35700);
    expect(basisPoints(fen(333), 3000)).toBe(100); // 99.9 → 100 half-up
  });

  it('rounds ratios as stated', () => {
    expect(applyRatio(fen(100), 1, 3)).toBe(33);
    expect(applyRatio(fen(200), 1, 3)).toBe(67);
    expect(applyRatio(fen(100), 1, 3, 'up')).toBe(34);
    expect(applyRatio(fen(-100), 1, 3)).toBe(-33);
    expect(() => fen(1.5)).toThrow(/integer/);
    expect(() => multiplyFen(fen(1), 0.5)).toThrow(/integer/);
  });
});
