import { accept, reject, type Decider } from './decider';
import { deepEqual, given } from './given-when-then';

type Command = { type: 'Add'; amount: number };
type Event = { type: 'Added'; data: { amount: number; total: number } };
const counter: Decider<Command, Event, number> = {
  initialState: 0,
  decide: (c, total) =>
    c.amount <= 0
      ? reject({ code: 'AMOUNT_NOT_POSITIVE', kind: 'invalid', message: 'amount must be positive', field: 'amount' })
      : accept({ type: 'Added', data: { amount: c.amount, total: total + c.amount } }),
  evolve: (_s, e) => e.data.total,
};

describe('given / when / then', () => {
  it('passes when the decider emits the expected events, whatever the key order', () => {
    given(counter, [{ type: 'Added', data: { amount: 2, total: 2 } }])
      .when({ type: 'Add', amount: 3 })
      .then([{ data: { total: 5, amount: 3 }, type: 'Added' }]);
  });

  it('fails with both sides shown when events differ, and on an unexpected rejection', () => {
    expect(() =>
      given(counter, [])
        .when({ type: 'Add', amount: 3 })
        .then([{ type: 'Added', data: { amount: 3, total: 4 } }]),
    ).toThrow(/events differ/);
    expect(() => given(counter, []).when({ type: 'Add', amount: 0 }).then([])).toThrow(/AMOUNT_NOT_POSITIVE/);
  });

  it('checks the rejection code', () => {
    given(counter, []).when({ type: 'Add', amount: -1 }).thenRejects('AMOUNT_NOT_POSITIVE');
    expect(() => given(counter, []).when({ type: 'Add', amount: -1 }).thenRejects('OTHER')).toThrow(/expected rejection OTHER/);
    expect(() => given(counter, []).when({ type: 'Add', amount: 1 }).thenRejects('AMOUNT_NOT_POSITIVE')).toThrow(/but got events/);
  });

  it('compares plain data structurally', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: '1' })).toBe(false);
  });
});
