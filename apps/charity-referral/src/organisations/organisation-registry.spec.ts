import { enclosingRegions } from './organisation-registry';

describe('regions enclosing a household', () => {
  it('are the region itself and every level above it, in normalised form', () => {
    expect(enclosingRegions('331002001001')).toEqual(['33', '3310', '331002', '331002001', '331002001001']);
    expect(enclosingRegions('331002001000')).toEqual(['33', '3310', '331002', '331002001']);
    expect(enclosingRegions('3310')).toEqual(['33', '3310']);
  });
});
