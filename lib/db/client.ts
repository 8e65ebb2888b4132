import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export interface DbOptions {
  connectionString: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  /** client-side bound on any one query, so an unreachable database fails fast instead of hanging */
  queryTimeoutMs?: number;
  applicationName?: string;
}

export function createDb(options: DbOptions) {
  const adapter = new PrismaPg({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    query_timeout: options.queryTimeoutMs ?? 15_000,
    application_name: options.applicationName ?? 'waybill',
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

export type Db = ReturnType<typeof createDb>;
