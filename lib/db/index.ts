export { createDb, type Db, type DbOptions, type ReadDb } from './client';
export { tenantDb, type TenantDb, type TenantTx } from './tenant-scope';
export { uuid7 } from './uuid7';
export {
  TransactionStatus,
  ErrorClass,
  TimelineKind,
  Role,
  InboundStatus,
  SignatureVerdict,
  ConnectionStatus,
  FlowStatus,
  CircuitState,
  ReconciliationRunStatus,
  DriftKind,
  DriftState,
} from './generated/enums';
export { Prisma } from './generated/client';
export type * from './generated/models';

/** Prisma's unique-violation code. */
export const UNIQUE_VIOLATION = 'P2002';
export { queryRows, type SqlRunner } from './raw-query';
