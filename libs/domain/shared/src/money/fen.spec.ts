import { isFenWithin, maxAssetValueFen, maxMonthlyAmountFen } from './bounds';
import { addFen, applyRatio, basisPoints, fen, formatYuan, MoneyOutOfRangeError, multiplyFen, yuanToFen } from './fen';

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

  it('refuses a sum beyond Number.MAX_SAFE_INTEGER instead of rounding it', () => {
    // given two amounts that are each a safe integer (the two wages of 2^53 − 1 fen)
    const wage = fen(Number.MAX_SAFE_INTEGER);
    // when they are added, then the sum is refused with a money-range error
    expect(() => addFen(wage, wage)).toThrow(MoneyOutOfRangeError);
    // and a sum that passes 2^53 on the way and comes back down is refused too (its last digit would be rounded)
    expect(() => addFen(wage, fen(2), fen(-2))).toThrow(MoneyOutOfRangeError);
    expect(addFen(fen(maxMonthlyAmountFen), fen(maxMonthlyAmountFen), fen(-1))).toBe(19_999_999);
    expect(addFen()).toBe(0);
  });

  it('bounds monthly amounts and asset values in whole fen', () => {
    expect(isFenWithin(maxMonthlyAmountFen, maxMonthlyAmountFen)).toBe(true);
    expect(isFenWithin(maxMonthlyAmountFen + 1, maxMonthlyAmountFen)).toBe(false);
    expect(isFenWithin(maxAssetValueFen, maxAssetValueFen)).toBe(true);
    expect(isFenWithin(-1, maxAssetValueFen)).toBe(false);
    expect(isFenWithin(1.5, maxAssetValueFen)).toBe(false);
    expect(isFenWithin('100', maxAssetValueFen)).toBe(false);
  });
});
