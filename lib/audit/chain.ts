// The hash chain: each entry's hash covers the previous entry's hash and the entry's own content
// in a canonical form (sorted keys, ISO time), so changing, inserting or removing any entry breaks
// the chain from that point. verify.ts recomputes it from the rows as stored.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  tenantId: string;
  seq: number;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string;
  reason: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

/** JSON with object keys sorted at every depth: the same content always hashes the same, whatever
 *  order PostgreSQL's jsonb hands the keys back in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const obj = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(obj)
          .sort()
          .map((k) => [k, obj[k]]),
      );
    }
    return v;
  });
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  const body = canonicalJson({
    ...content,
    before: content.before ?? null,
    after: content.after ?? null,
    createdAt: content.createdAt.toISOString(),
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
