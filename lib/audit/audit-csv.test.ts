import { describe, expect, it } from 'vitest';
import { auditCsvFilename, auditCsvHeader, auditCsvRow } from './audit-csv';
import type { AuditEntryRow } from './audit-list.presenter';

const row: AuditEntryRow = {
  id: '17',
  seq: 3,
  at: '2026-11-23T09:15:00.000Z',
  actor: { label: '=cmd|"/c calc"!A1', kind: 'user', userId: 'u-1', tokenId: null },
  action: 'transaction.replayed',
  object: { type: 'transaction', id: '@SUM(A1)' },
  reason: '+ask the warehouse, then retry',
  requestId: null,
  before: null,
  after: { note: '-1', nested: { a: 1 } },
  hash: 'a'.repeat(64),
};

describe('audit CSV', () => {
  it('has the columns auditors expect', () => {
    expect(auditCsvHeader()).toBe(
      'seq,time,actor,actor_kind,action,object_type,object_id,reason,request_id,before,after,hash\r\n',
    );
  });

  it('neutralises formulas in every text field and writes snapshots as JSON', () => {
    expect(auditCsvRow(row)).toBe(
      `3,2026-11-23T09:15:00.000Z,"'=cmd|""/c calc""!A1",user,transaction.replayed,transaction,'@SUM(A1),"'+ask the warehouse, then retry",,,"{""note"":""-1"",""nested"":{""a"":1}}",${'a'.repeat(64)}\r\n`,
    );
  });

  it('names the file after the moment', () => {
    expect(auditCsvFilename(new Date('2026-11-23T09:15:07.123Z'))).toBe(
      'audit-log-2026-11-23T09-15-07Z.csv',
    );
  });
});
