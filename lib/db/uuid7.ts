import { randomFillSync } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Time-ordered like the ids
 * Prisma generates with uuid(7), for rows written by raw SQL on hot paths.
 */
export function uuid7(now = Date.now()): string {
  const bytes = Buffer.from(nextRandom16());
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Random bytes drawn from a pool filled 4 KiB at a time, as node:crypto's randomUUID does: one
 * call into the CSPRNG per 256 ids instead of one per id (the ingest write takes four ids per
 * delivery). A pool's bytes are handed out once each.
 */
const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let nextId = POOL_IDS;
function nextRandom16(): Buffer {
  if (nextId === POOL_IDS) {
    randomFillSync(pool);
    nextId = 0;
  }
  const offset = 16 * nextId;
  nextId += 1;
  return pool.subarray(offset, offset + 16);
}
