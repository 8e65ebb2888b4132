// Mapping versions are immutable and numbered: a document may add versions and choose the active
// one, never edit or remove a stored version (transactions name the version they were sent with).
import type { FlowDoc, MappingVersionDoc } from './document';
import { same } from './plan-diff';
import type { ConfigChange } from './plan-types';

/** Notes are trimmed when stored (lib/mapping/mapping-draft.ts): "x " and "x" are one note. */
const noteOf = (v: MappingVersionDoc) => v.note?.trim() || null;

const FIELDS = ['expression', 'outputSchema', 'statusTable', 'fieldOwnership', 'note'] as const;

function differingFields(stored: MappingVersionDoc, wanted: MappingVersionDoc): string[] {
  return FIELDS.filter((field) =>
    field === 'note' ? noteOf(stored) !== noteOf(wanted) : !same(stored[field], wanted[field]),
  );
}

const label = (version: number, flow: string) => `mapping version ${version} of flow ${flow}`;

/** The versions of a flow the document adds, and how its active version changes. */
export function planMappings(
  current: FlowDoc | null,
  desired: FlowDoc,
): { changes: ConfigChange[]; conflicts: string[] } {
  const flow = desired.key;
  const stored = new Map((current?.mapping.versions ?? []).map((v) => [v.version, v]));
  const highest = Math.max(0, ...stored.keys(), ...desired.mapping.versions.map((v) => v.version));
  const conflicts: string[] = [];
  const added: MappingVersionDoc[] = [];
  for (const wanted of desired.mapping.versions) {
    const existing = stored.get(wanted.version);
    if (!existing) {
      added.push(wanted);
      continue;
    }
    const differs = differingFields(existing, wanted);
    if (differs.length > 0)
      conflicts.push(
        `${label(wanted.version, flow)} differs from the stored one (${differs.join(', ')}): ` +
          `versions are immutable, add version ${highest + 1}`,
      );
  }
  const wantedNumbers = new Set(desired.mapping.versions.map((v) => v.version));
  for (const version of stored.keys())
    if (!wantedNumbers.has(version))
      conflicts.push(
        `${label(version, flow)} is stored but not in the document: versions are never deleted, keep it`,
      );
  const storedHighest = Math.max(0, ...stored.keys());
  for (const v of added)
    if (v.version < storedHighest)
      conflicts.push(
        `${label(v.version, flow)} is new but version ${storedHighest} is stored: number new versions from ${storedHighest + 1}`,
      );

  const before = current?.mapping.active ?? null;
  const after = desired.mapping.active;
  if (before !== null && after === null)
    conflicts.push(
      `flow ${flow}: the document activates no mapping version but version ${before} is active; name the version to use`,
    );
  const changes: ConfigChange[] = added.map((version) => {
    const activate = version.version === after && after !== before;
    return {
      kind: 'mapping.add',
      summary: `add ${label(version.version, flow)}${activate ? ' (active)' : ''}`,
      flow,
      version,
      activate,
    };
  });
  if (after !== null && after !== before && stored.has(after))
    changes.push({
      kind: 'mapping.activate',
      summary: `activate ${label(after, flow)}${before === null ? '' : ` (was ${before})`}`,
      flow,
      from: before,
      to: after,
    });
  return { changes, conflicts };
}
