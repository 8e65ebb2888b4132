// CSV for auditors and spreadsheets (RFC 4180): fields with a quote, comma or line break are
// quoted with inner quotes doubled, and a value a spreadsheet would run as a formula (= + - @,
// or a leading tab/CR) gets a leading single quote so it is shown, not evaluated.

const FORMULA = /^[=+\-@\t\r]/;
/** a plain signed decimal ("-12.50") is data, not a formula: an amount must stay summable */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
