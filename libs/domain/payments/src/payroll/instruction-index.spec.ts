import { fen } from '@sa/domain-shared';
import { paymentInstructionId } from '../deterministic-id';
import { InstructionIndex } from './instruction-index';
import { PackedIdTable } from './packed-ids';

const record = (i: number) => ({ entitlementId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, applicationId: `app-${i}`, amountFen: fen(100 + i) });

describe('InstructionIndex (compact columns)', () => {
  it('given 20,000 instructions and some outcomes, when looked up, then each answers exactly what went in', () => {
    let index = InstructionIndex.empty();
    const ids = Array.from(
      { length: 20_000 },
      (_, i) => `${(Math.imul(i, 2654435761) >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    ids.forEach((id, i) => (index = index.withInstruction(id, record(i))));
    for (let i = 0; i < ids.length; i += 3) index = index.withOutcome(ids[i] as string, i % 2 ? 'failed' : 'paid');

    expect(index.size).toBe(20_000);
    for (const i of [0, 1, 2, 3, 9_999, 19_998, 19_999]) {
      expect(index.get(ids[i] as string)).toEqual(record(i));
      expect(index.outcomeOf(ids[i] as string)).toBe(i % 3 ? undefined : i % 2 ? 'failed' : 'paid');
    }
    expect(index.get(paymentInstructionId('e-20000', '2025-03'))).toBeUndefined();
  });

  it('given ids that are not canonical UUIDs, when stored, then they come back unchanged and are not confused', () => {
    const upper = 'AAAAAAAA-0000-4000-8000-000000000001';
    let index = InstructionIndex.empty().withInstruction('i-1', record(1)).withInstruction(upper, record(2));
    index = index.withInstruction(upper.toLowerCase(), record(3));

    expect(index.get('i-1')).toEqual(record(1));
    expect(index.get(upper)).toEqual(record(2));
    expect(index.get(upper.toLowerCase())).toEqual(record(3));
    expect(index.get('i-2')).toBeUndefined();
  });

  it('given an older version, when it is extended, then it forks and the newer version still answers as before', () => {
    const a = InstructionIndex.empty().withInstruction('x', record(1));
    const b = a.withInstruction('y', record(2)).withOutcome('x', 'paid');
    const c = a.withOutcome('x', 'failed').withInstruction('z', record(3));

    expect(b.outcomeOf('x')).toBe('paid');
    expect(b.get('z')).toBeUndefined();
    expect(c.outcomeOf('x')).toBe('failed');
    expect(c.get('y')).toBeUndefined();
    expect(a.outcomeOf('x')).toBeUndefined();
    expect(a.get('y')).toBeUndefined();
  });

  it('given a table of packed ids, when an id is looked up, then its position or -1 answers', () => {
    const table = new PackedIdTable();
    const ids = Array.from({ length: 5_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids) table.push(id);

    expect(ids.every((id, i) => table.indexOf(id) === i && table.at(i) === id)).toBe(true);
    expect(table.indexOf('00000000-0000-4000-8000-000000005000')).toBe(-1);
  });
});
