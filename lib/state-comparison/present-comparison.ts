// The state comparison as the page and the API show it. Masking happens here, after the values
// were compared: the connections' masking rules for every role (both connections' rules on every
// column: the values are canonical, so a rule written for either side may name them), then the
// built-in personal fields for roles without personal_data.read; the values those mark (here and in
// the transaction's payloads) are masked in every text too: references, messages, cells.
// Connection URLs and credentials never leave this module; a system is named by its connection's
// key and name.
import type { TransactionStatus } from '@/lib/db';
import { collectPersonalValues, createMasker } from '@/lib/ledger/mask';
import { errorClassLabel } from '@/lib/ledger/error-class-help';
import {
  applyMaskingRules,
  collectRuleValues,
  compileMaskingRules,
  type InvalidRule,
} from '@/lib/ledger/masking-rules';
import { flatten, type Row } from './compare-fields';
import { summarizeComparison } from './comparison-summary';
import type { LiveReading } from './read-live-record';

interface SystemInput {
  role: 'source' | 'target';
  connection: { key: string; name: string; maskingRules: unknown };
  reading: LiveReading;
}

export interface ComparisonInput {
  transaction: {
    id: string;
    businessKey: string;
    status: TransactionStatus;
    externalRefs: Record<string, string>;
  };
  flow: { name: string; operation: string; eventType: string };
  mappingVersion: number | null;
  command: Record<string, unknown> | null;
  commandSentAt: string | null;
  systems: SystemInput[];
  rows: Row[];
}

/** A value as text: strings as they are, anything else as JSON; null when there is none. */
export function displayValue(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function presentComparison(
  input: ComparisonInput,
  opts: {
    maskPersonalData: boolean;
    onInvalidRule?: (rule: InvalidRule) => void;
    /** the transaction's sensitive values (lib/ledger/transaction-mask.ts) */
    values?: ReadonlySet<string>;
  },
) {
  const rules = [
    ...new Set(
      input.systems.flatMap((s) =>
        compileMaskingRules(s.connection.maskingRules, opts.onInvalidRule),
      ),
    ),
  ];
  const values = new Set(opts.values ?? []);
  const records = [
    input.command,
    ...input.systems.map((s) => (s.reading.state === 'read' ? s.reading.record.fields : null)),
  ];
  for (const record of records) {
    collectRuleValues(record, rules, values, opts.onInvalidRule);
    if (opts.maskPersonalData) collectPersonalValues(record, values);
  }
  const masker = createMasker({ personal: opts.maskPersonalData, values });
  const mask = (value: unknown) =>
    masker.value(applyMaskingRules(value, rules, opts.onInvalidRule));
  const text = (t: string) => masker.text(t);
  const ledgerShown = flatten(mask(input.command ?? {}));
  const shown = input.systems.map((s) =>
    s.reading.state === 'read'
      ? flatten(mask(s.reading.record.fields))
      : new Map<string, unknown>(),
  );
  const names = new Map(input.systems.map((s) => [s.connection.key, s.connection.name]));
  return {
    transactionId: input.transaction.id,
    businessKey: input.transaction.businessKey,
    status: input.transaction.status,
    flow: input.flow,
    mappingVersion: input.mappingVersion,
    ledger: { hasCommand: input.command !== null, commandSentAt: input.commandSentAt },
    systems: input.systems.map((s) => ({
      role: s.role,
      key: s.connection.key,
      name: s.connection.name,
      reading: presentReading(s, input.transaction.externalRefs, text),
    })),
    rows: input.rows.map((row) => ({
      field: row.field,
      ledger: row.inLedger ? displayValue(ledgerShown.get(row.field)) : null,
      inLedger: row.inLedger,
      cells: row.cells.map((cell, i) =>
        cell.state === 'same' || cell.state === 'different'
          ? { state: cell.state, value: displayValue(shown[i]?.get(row.field)) }
          : { state: cell.state, value: null },
      ),
      owner:
        row.owner === null ? null : { key: row.owner, name: names.get(row.owner) ?? row.owner },
      difference: row.difference,
    })),
    differences: input.rows.filter((r) => r.difference === 'different').length,
    /** the sentence above the table, from the same rows and readings (comparison-summary.ts) */
    summary: summarizeComparison(
      input.rows,
      input.systems.map((s) => ({
        name: s.connection.name,
        state: s.reading.state,
        ...(s.reading.state === 'not_read' && { message: text(s.reading.message) }),
      })),
      input.command !== null,
    ),
  };
}

function presentReading(
  s: SystemInput,
  externalRefs: Record<string, string>,
  text: (t: string) => string,
) {
  const r = s.reading;
  const name = s.connection.name;
  switch (r.state) {
    case 'read':
      return {
        state: 'read' as const,
        readAt: r.readAt,
        ref: text(r.record.ref),
        status: r.record.status,
        updatedAt: r.record.updatedAt,
      };
    case 'absent':
      return {
        state: 'absent' as const,
        readAt: r.readAt,
        message:
          s.role === 'target' && externalRefs[s.connection.key]
            ? text(
                `No record at ${name}: the ledger holds reference ${externalRefs[s.connection.key] ?? ''}, but ${name} has no such record now.`,
              )
            : `No record at ${name}.`,
      };
    case 'failed':
      return {
        state: 'failed' as const,
        readAt: r.readAt,
        errorClass: r.errorClass,
        classLabel: errorClassLabel(r.errorClass),
        message: `${name} could not be read (${errorClassLabel(r.errorClass).toLowerCase()}): ${text(r.message)}`,
      };
    case 'not_read':
      return { state: 'not_read' as const, message: text(r.message) };
    default: {
      const exhaustive: never = r;
      return exhaustive;
    }
  }
}
