// The difference between two versions of a flow's mapping, field by field: a line diff of the
// expression and of each JSON field pretty-printed with sorted keys (so a reordered object is not a
// change). Pure; the presenter loads the versions.
import { structuredPatch } from 'diff';

export interface MappingContent {
  version: number;
  expression: string;
  outputSchema: unknown;
  statusTable: unknown;
  fieldOwnership: unknown;
  note: string | null;
}

export type DiffField = 'expression' | 'statusTable' | 'fieldOwnership' | 'outputSchema' | 'note';

export interface DiffLine {
  kind: 'added' | 'removed' | 'context';
  text: string;
  /** line number in the older version (null for an added line) */
  oldLine: number | null;
  /** line number in the newer version (null for a removed line) */
  newLine: number | null;
}

export interface DiffHunk {
  header: string;
  lines: DiffLine[];
}

export interface FieldDiff {
  field: DiffField;
  label: string;
  changed: boolean;
  added: number;
  removed: number;
  hunks: DiffHunk[];
}

export interface MappingDiff {
  from: number;
  to: number;
  fields: FieldDiff[];
}

const LABELS: Record<DiffField, string> = {
  expression: 'Expression (JSONata)',
  statusTable: 'Status table',
  fieldOwnership: 'Field ownership',
  outputSchema: 'Output schema',
  note: 'Note',
};

/** JSON with object keys sorted at every level, two-space indented. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(value ?? null), null, 2);
}

/** A line diff of two texts as hunks with `context` unchanged lines around each change. */
export function diffText(field: DiffField, before: string, after: string, context = 3): FieldDiff {
  // A trailing newline on both sides keeps "\ No newline at end of file" out of the hunks.
  const withNewline = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  const patch = structuredPatch(
    'before',
    'after',
    withNewline(before),
    withNewline(after),
    '',
    '',
    {
      context,
    },
  );
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((h) => {
    let oldLine = h.oldStart;
    let newLine = h.newStart;
    const lines: DiffLine[] = [];
    for (const raw of h.lines) {
      const sign = raw[0];
      const text = raw.slice(1);
      if (sign === '+') {
        added++;
        lines.push({ kind: 'added', text, oldLine: null, newLine: newLine++ });
      } else if (sign === '-') {
        removed++;
        lines.push({ kind: 'removed', text, oldLine: oldLine++, newLine: null });
      } else if (sign === ' ') {
        lines.push({ kind: 'context', text, oldLine: oldLine++, newLine: newLine++ });
      }
      // "\" lines (no newline at end of file) carry no content.
    }
    return { header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, lines };
  });
  return { field, label: LABELS[field], changed: hunks.length > 0, added, removed, hunks };
}

export function diffMappings(from: MappingContent, to: MappingContent): MappingDiff {
  return {
    from: from.version,
    to: to.version,
    fields: [
      diffText('expression', from.expression, to.expression),
      diffText('statusTable', stableJson(from.statusTable), stableJson(to.statusTable)),
      diffText('fieldOwnership', stableJson(from.fieldOwnership), stableJson(to.fieldOwnership)),
      diffText('outputSchema', stableJson(from.outputSchema), stableJson(to.outputSchema)),
      diffText('note', from.note ?? '', to.note ?? ''),
    ],
  };
}
