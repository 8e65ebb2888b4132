import { describe, expect, it } from 'vitest';
import { mappingPairOf, type AuditMappingEntry } from './audit-mapping-diffs';

const FLOW = '01a24686-748a-7000-8000-000000000001';
const entry = (action: string, before: unknown, after: unknown): AuditMappingEntry => ({
  id: '1',
  action,
  object: { type: 'flow', id: FLOW },
  before: before as Record<string, unknown> | null,
  after: after as Record<string, unknown> | null,
});

describe('mappingPairOf', () => {
  it('compares the versions an activation or rollback switched between', () => {
    expect(mappingPairOf(entry('mapping.activated', { version: 1 }, { version: 2 }))).toEqual({
      from: 1,
      to: 2,
    });
    expect(mappingPairOf(entry('mapping.rolled_back', { version: 3 }, { version: 1 }))).toEqual({
      from: 3,
      to: 1,
    });
  });

  it('compares a new version with the one before it; version 1 has nothing before', () => {
    expect(mappingPairOf(entry('mapping.version_created', null, { version: 4 }))).toEqual({
      from: 3,
      to: 4,
    });
    expect(mappingPairOf(entry('mapping.version_created', null, { version: 1 }))).toBeNull();
  });

  it('ignores other actions and entries without versions', () => {
    expect(mappingPairOf(entry('flow.updated', { version: 1 }, { version: 2 }))).toBeNull();
    expect(mappingPairOf(entry('mapping.activated', null, { version: 2 }))).toBeNull();
    expect(
      mappingPairOf({
        ...entry('mapping.activated', { version: 1 }, { version: 2 }),
        object: { type: 'flow', id: 'x' },
      }),
    ).toBeNull();
  });
});
