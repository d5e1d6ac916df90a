/**
 * Spreadsheet formula neutralisation (OWASP "CSV injection"): a cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR) is written with a leading '. A cell that already
 * starts with quotes before such a character gets one more, so that import, which strips exactly
 * one, gives back the original text in every case ("=1" → "'=1" → "=1", "'=1" → "''=1" → "'=1").
 */
const FORMULA_AFTER_QUOTES = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_AFTER_QUOTES.test(cell) ? `'${cell}` : cell;
}

export function restoreFormula(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}
