import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreFormula } from '../../src/cli/csv-cells.js';

describe('spreadsheet formula neutralisation in CSV cells', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+Plus', "'+Plus"],
    ['-Cloud', "'-Cloud"],
    ['@home', "'@home"],
    ['\tTabbed', "'\tTabbed"],
    ['\rReturn', "'\rReturn"],
    // Already quoted once: one more quote, so that import's single strip gives it back.
    ["'=Quoted", "''=Quoted"],
  ])('writes %j as %j, and reads it back', (original, written) => {
    expect(neutraliseFormula(original)).toBe(written);
    expect(restoreFormula(written)).toBe(original);
  });

  it.each(['Globex Support', "O'Brien Ltd", "'plain quote", '', '12,000', 'C-1', 'a=b'])('leaves %j as it is both ways', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
    expect(restoreFormula(cell)).toBe(cell);
  });

  it('strips exactly one quote on import', () => {
    expect(restoreFormula("''-Cloud")).toBe("'-Cloud");
  });
});
