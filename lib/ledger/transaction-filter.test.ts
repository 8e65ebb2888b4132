import { describe, expect, it } from 'vitest';
import { encodeCursor } from './keyset-cursor';
import {
  DEFAULT_LIMIT,
  interpretText,
  isFiltered,
  parseTransactionFilter,
  readTransactionFilter,
  transactionFilterParams,
} from './transaction-filter';

const flowId = '01963f5e-7c1a-7000-8000-000000000001';
const connectionId = '01963f5e-7c1a-7000-8000-000000000002';
const cursor = encodeCursor({
  createdAt: new Date('2025-03-03T09:15:00.000Z'),
  id: '01963f5e-7c1a-7000-8000-000000000003',
});

describe('parseTransactionFilter (strict, the API)', () => {
  it('reads every filter from a URL', () => {
    expect(
      parseTransactionFilter({
        status: 'failed,needs_review',
        flowId,
        connectionId,
        errorClass: 'auth',
        from: '2025-03-03T09:15:00.000Z',
        to: '2025-03-03T10:30:00+01:00',
        q: '  #1047 ',
        sort: 'oldest',
        cursor,
        limit: '100',
      }),
    ).toEqual({
      statuses: ['failed', 'needs_review'],
      flowId,
      connectionId,
      errorClass: 'auth',
      from: new Date('2025-03-03T09:15:00.000Z'),
      to: new Date('2025-03-03T09:30:00.000Z'),
      q: '#1047',
      sort: 'oldest',
      cursor,
      limit: 100,
    });
  });

  it('has defaults for an empty URL and treats blanks as "any"', () => {
    const empty = { statuses: [], sort: 'newest', limit: DEFAULT_LIMIT };
    expect(parseTransactionFilter({})).toEqual(empty);
    expect(parseTransactionFilter({ status: '', flowId: '', q: '   ', from: '' })).toEqual(empty);
  });

  it('takes repeated status keys as well as a comma list, without duplicates', () => {
    expect(parseTransactionFilter({ status: ['failed', 'failed,paused'] }).statuses).toEqual([
      'failed',
      'paused',
    ]);
  });

  it.each([
    ['an unknown status', { status: 'failed,lost' }],
    ['a flow that is not a uuid', { flowId: "1' OR 1=1" }],
    ['a connection that is not a uuid', { connectionId: 'warehouse' }],
    ['an unknown error class', { errorClass: 'gremlins' }],
    ['a time that is not an instant', { from: 'yesterday' }],
    [
      'a window that ends before it starts',
      { from: '2025-03-03T10:00:00Z', to: '2025-03-03T09:00:00Z' },
    ],
    ['an unknown sort', { sort: 'random' }],
    ['a forged cursor', { cursor: 'AAAA' }],
    ['a limit of 0', { limit: '0' }],
    ['a limit above the maximum', { limit: '5000' }],
    ['a limit that is not a number', { limit: 'lots' }],
    ['search text of a novel', { q: 'x'.repeat(201) }],
  ])('refuses %s', (_label, raw) => {
    expect(() => parseTransactionFilter(raw)).toThrow();
  });
});

describe('readTransactionFilter (lenient, the page)', () => {
  it('drops each unreadable value on its own and keeps the rest', () => {
    expect(
      readTransactionFilter({
        status: 'failed,lost,needs_review',
        flowId: 'nope',
        errorClass: 'timeout',
        from: 'yesterday',
        sort: 'random',
        cursor: 'AAAA',
        limit: '99999',
      }),
    ).toEqual({
      statuses: ['failed', 'needs_review'],
      errorClass: 'timeout',
      sort: 'newest',
      limit: DEFAULT_LIMIT,
    });
  });

  it('never throws, whatever arrives', () => {
    expect(() => readTransactionFilter({ status: ['☃', ''], q: 'x'.repeat(5000) })).not.toThrow();
  });
});

describe('transactionFilterParams', () => {
  it('is the inverse of the parser', () => {
    const filter = parseTransactionFilter({
      status: ['failed', 'needs_review'],
      flowId,
      errorClass: 'auth',
      from: '2025-03-03T09:15:00.000Z',
      q: 'buyer@example.com',
      sort: 'oldest',
      cursor,
    });
    const round = parseTransactionFilter(Object.fromEntries(transactionFilterParams(filter)));
    expect(round).toEqual(filter);
  });

  it('leaves out defaults and can drop or replace the cursor and the sort', () => {
    const filter = parseTransactionFilter({ status: 'failed', cursor });
    expect(transactionFilterParams(filter, { cursor: null })).toEqual([['status', 'failed']]);
    expect(transactionFilterParams(filter, { cursor: null, sort: 'oldest' })).toEqual([
      ['status', 'failed'],
      ['sort', 'oldest'],
    ]);
  });

  it('knows when nothing is filtered', () => {
    expect(isFiltered(parseTransactionFilter({ sort: 'oldest', cursor }))).toBe(false);
    expect(isFiltered(parseTransactionFilter({ q: '1047' }))).toBe(true);
  });
});

describe('interpretText', () => {
  it('reads an order number with or without #', () => {
    expect(interpretText('#1047')).toEqual({ exact: '#1047', businessKey: '1047' });
    expect(interpretText('1047')).toEqual({ exact: '1047', businessKey: '1047' });
  });

  it('reads an email (lower-cased, as stored) and a transaction id', () => {
    expect(interpretText('Buyer@Example.com').email).toBe('buyer@example.com');
    expect(interpretText(flowId.toUpperCase()).transactionId).toBe(flowId);
    expect(interpretText('FUL-000123')).toEqual({ exact: 'FUL-000123', businessKey: 'FUL-000123' });
  });
});
