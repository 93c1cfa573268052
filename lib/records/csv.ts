/**
 * CSV for the record exports (activity log, security events): RFC 4180 quoting (a cell holding a
 * comma, quote, CR or LF is quoted, quotes doubled; rows end with CRLF) and a guard against
 * formula injection: a cell starting with = + - @ tab or CR is prefixed with ' so a spreadsheet
 * shows it as text instead of running it (OWASP "CSV injection"). Pure.
 */
export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  let s: string;
  if (value === null || value === undefined) s = "";
  else if (value instanceof Date) s = value.toISOString();
  else s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** JSON of a column (before/after/meta, detail) in one cell, or empty. */
export function jsonCell(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}
