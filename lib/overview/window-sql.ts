// The SQL expressions that place a transaction (alias `t`) in a time bucket and a latency bucket.
// The live window scan (overview.queries.ts) and the hourly roll-up (refresh-rollups.ts) both
// group by them, so a rolled-up hour and a live one cannot disagree.
import { Prisma } from '@/lib/db';
import { LATENCY_BUCKET_SCALE } from './latency-histogram';

const EPOCH = new Date(0);
export const HOUR_MS = 3_600_000;

/**
 * Start of the epoch-aligned `stepMs` bucket of t.created_at. date_bin measured cheaper than epoch
 * arithmetic (date_part on a timestamptz is costly); for an hour it is the start of the UTC hour.
 */
export const bucketSql = (stepMs: number) =>
  Prisma.sql`date_bin(${stepMs / 1000} * interval '1 second', t.created_at, ${EPOCH}::timestamptz)`;

/**
 * latencyBucket() of latency-histogram.ts: the latency is date_part of the interval, which is
 * plain arithmetic. completed_at is only set on completed transactions, so this is null on the
 * rest.
 */
export const latencyBucketSql = Prisma.sql`floor(ln(greatest(
  date_part('epoch', t.completed_at - t.created_at) * 1000, 1)) * ${LATENCY_BUCKET_SCALE}::float8)::int`;
