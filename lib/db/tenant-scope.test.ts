import { describe, expect, it } from 'vitest';
import { scopeArgs } from './tenant-scope';

const TENANT = 'tenant-a';
const OTHER = 'tenant-b';

const FILTERED = [
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
] as const;

describe('scopeArgs: filtered operations', () => {
  it.each(FILTERED)('%s gets where.tenantId when the caller gave no where', (operation) => {
    expect(scopeArgs(operation, {}, TENANT)).toEqual({ where: { tenantId: TENANT } });
  });

  it.each(FILTERED)('%s keeps the caller filter and adds tenantId', (operation) => {
    const args = { where: { id: 'txn-1', status: { in: ['failed'] } }, take: 10 };
    expect(scopeArgs(operation, args, TENANT)).toEqual({
      where: { id: 'txn-1', status: { in: ['failed'] }, tenantId: TENANT },
      take: 10,
    });
  });

  it.each(FILTERED)('%s overrides a caller-supplied other tenantId in where', (operation) => {
    const scoped = scopeArgs(operation, { where: { id: 'txn-1', tenantId: OTHER } }, TENANT);
    expect(scoped.where).toEqual({ id: 'txn-1', tenantId: TENANT });
  });

  it('does not mutate the caller args', () => {
    const args = { where: { id: 'txn-1', tenantId: OTHER } };
    scopeArgs('findMany', args, TENANT);
    expect(args).toEqual({ where: { id: 'txn-1', tenantId: OTHER } });
  });
});

describe('scopeArgs: creates', () => {
  it('create injects tenantId into data', () => {
    expect(
      scopeArgs('create', { data: { status: 'received' }, select: { id: true } }, TENANT),
    ).toEqual({
      data: { status: 'received', tenantId: TENANT },
      select: { id: true },
    });
  });

  it('create overrides a caller-supplied other tenantId in data', () => {
    expect(scopeArgs('create', { data: { status: 'received', tenantId: OTHER } }, TENANT)).toEqual({
      data: { status: 'received', tenantId: TENANT },
    });
  });

  it.each(['createMany', 'createManyAndReturn'])(
    '%s injects tenantId into every row of an array, overriding others',
    (operation) => {
      const args = {
        data: [{ kind: 'event' }, { kind: 'command', tenantId: OTHER }],
        skipDuplicates: true,
      };
      expect(scopeArgs(operation, args, TENANT)).toEqual({
        data: [
          { kind: 'event', tenantId: TENANT },
          { kind: 'command', tenantId: TENANT },
        ],
        skipDuplicates: true,
      });
    },
  );

  it.each(['createMany', 'createManyAndReturn'])(
    '%s injects tenantId into a single data object',
    (operation) => {
      expect(scopeArgs(operation, { data: { kind: 'event', tenantId: OTHER } }, TENANT)).toEqual({
        data: { kind: 'event', tenantId: TENANT },
      });
    },
  );
});

describe('scopeArgs: upsert', () => {
  it('injects tenantId into where and create, overriding others', () => {
    const args = {
      where: { id: 'conn-1', tenantId: OTHER },
      create: { id: 'conn-1', name: 'shop', tenantId: OTHER },
      update: { name: 'shop' },
    };
    expect(scopeArgs('upsert', args, TENANT)).toEqual({
      where: { id: 'conn-1', tenantId: TENANT },
      create: { id: 'conn-1', name: 'shop', tenantId: TENANT },
      update: { name: 'shop' },
    });
  });
});

describe('scopeArgs: a row cannot be moved to another tenant by an update', () => {
  // Regression (lib/db/tenant-scope.ts:38, :47-52): update data is passed through untouched, so a caller
  // can write `data: { tenantId: OTHER }` on a row it found in its own tenant and move it out.
  it.each(['update', 'updateMany', 'updateManyAndReturn'])(
    '%s data.tenantId of another tenant is overridden',
    (operation) => {
      const scoped = scopeArgs(
        operation,
        { where: { id: 'txn-1' }, data: { status: 'failed', tenantId: OTHER } },
        TENANT,
      );
      expect(scoped.where).toEqual({ id: 'txn-1', tenantId: TENANT });
      expect((scoped.data as { tenantId?: string }).tenantId).toBe(TENANT);
    },
  );

  it('upsert update.tenantId of another tenant is overridden', () => {
    const scoped = scopeArgs(
      'upsert',
      { where: { id: 'conn-1' }, create: { id: 'conn-1' }, update: { tenantId: OTHER } },
      TENANT,
    );
    expect((scoped.update as { tenantId?: string }).tenantId).toBe(TENANT);
  });
});

describe('scopeArgs: unknown operations', () => {
  it.each(['findRaw', 'aggregateRaw', '$queryRaw', 'executeRaw', 'somethingNew', ''])(
    '%j throws instead of running unscoped',
    (operation) => {
      expect(() => scopeArgs(operation, { where: {} }, TENANT)).toThrow(
        `tenant scope: operation ${operation} is not supported`,
      );
    },
  );
});
