// The one sentence above the state comparison's table, derived from the same rows and readings the
// table shows, so the two cannot disagree: "No differences" is said only of fields that were
// compared, and when none could be, the sentence says so and why (nothing sent yet, a system that
// could not be read, records that share no field with the ledger's command).
import type { Row } from './compare-fields';

export interface SummaryReading {
  name: string;
  state: 'read' | 'absent' | 'failed' | 'not_read';
  /** the reading's own words (why it was not read, what failed) */
  message?: string;
}

export interface ComparisonSummary {
  /** rows held against at least one live value */
  compared: number;
  differences: number;
  notCompared: number;
  text: string;
}

const fields = (n: number) => `${n} field${n === 1 ? '' : 's'}`;

export function summarizeComparison(
  rows: readonly Pick<Row, 'difference'>[],
  readings: readonly SummaryReading[],
  hasCommand: boolean,
): ComparisonSummary {
  const differences = rows.filter((r) => r.difference === 'different').length;
  const notCompared = rows.filter((r) => r.difference === 'not_compared').length;
  const compared = rows.length - notCompared;
  const base = { compared, differences, notCompared };
  const skipped = notCompared > 0 ? ` ${fields(notCompared)} could not be compared.` : '';
  if (compared === 0)
    return { ...base, text: `Nothing could be compared: ${whyNothing(readings, hasCommand)}.` };
  if (differences > 0)
    return {
      ...base,
      text: `${fields(differences)} differ${differences === 1 ? 's' : ''} of ${compared} compared.${skipped}`,
    };
  return {
    ...base,
    text: `No differences in the fields that could be compared (${compared} compared).${skipped}`,
  };
}

function whyNothing(readings: readonly SummaryReading[], hasCommand: boolean): string {
  if (!hasCommand) return 'no command has been sent yet, so the ledger holds no values to compare';
  const unread = readings.filter((r) => r.state !== 'read');
  if (unread.length === 0) return "the records read share no field with the ledger's command";
  return unread.map(unreadWords).join('; ');
}

function unreadWords(r: SummaryReading): string {
  switch (r.state) {
    case 'absent':
      return `${r.name} has no such record`;
    case 'failed':
      return `${r.name} could not be read`;
    case 'not_read':
      return r.message ? stripEnd(r.message) : `${r.name} was not read`;
    case 'read':
      return `${r.name} was read`;
  }
}

const stripEnd = (text: string) => text.replace(/[.\s]+$/, '');
