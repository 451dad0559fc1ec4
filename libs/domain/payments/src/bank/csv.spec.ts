import { csvField, csvLine } from './csv';

describe('CSV fields of the bank files', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    // Given holder names an attacker typed into an application
    const names = ['=HYPERLINK("http://x","点我")', '+1+1', '@SUM(A1)', '-cmd|calc', '\tTAB'];
    // When they are written to the disbursement file
    // Then each starts with an apostrophe (shown as text), quoted where it must be
    expect(names.map(csvField)).toEqual(['"\'=HYPERLINK(""http://x"",""点我"")"', "'+1+1", "'@SUM(A1)", "'-cmd|calc", "'\tTAB"]);
  });

  it('leaves names, amounts and negative amounts as they are', () => {
    expect(csvLine(['王芳', '2127.00', '-12.50', '6222021234567890123'])).toBe('王芳,2127.00,-12.50,6222021234567890123');
  });
});
