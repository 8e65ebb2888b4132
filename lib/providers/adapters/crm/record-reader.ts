// The CRM's contact, read one at a time, in upsert_customer's canonical names (email, givenName,
// familyName, externalRef): the one reading of the contact shape, used by the state comparison and
// by reconciliation's target lookups. The CRM keys contacts by email and reads them only by it, so
// the command's email is the key even when the ledger holds the contact id; the record's ref is
// the contact id, which reconciliation matches against the ledger's reference. A contact has no
// state of its own (upsert_customer's CREATED/UPDATED describe the write), so status is null.
import { z } from 'zod';
import { retryAfterMs } from '../../http';
import type { ProviderRecord, RecordReader } from '../../port';
import { noKey, readFailed, readOne, readRecord, unreadable } from '../../record-read';
import { classifyCrmStatus } from './classify';
import { contactUrl } from './schemas';

const text = z.string().nullish();
const contactView = z.looseObject({
  id: z.string().min(1),
  email: z.string().min(1),
  given_name: text,
  family_name: text,
  external_ref: text,
  updated_at: text,
});

/** Leaves out what the CRM did not say (or cleared), so it reads as missing, not as null. */
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));

/** The contact as upsert_customer's command names it; null when the answer is not a contact. */
export function contactRecord(raw: unknown, businessKey: string): ProviderRecord | null {
  const parsed = contactView.safeParse(raw);
  if (!parsed.success) return null;
  const c = parsed.data;
  return {
    ref: c.id,
    businessKey,
    status: null,
    fields: defined({
      email: c.email,
      givenName: c.given_name,
      familyName: c.family_name,
      externalRef: c.external_ref,
    }),
    updatedAt: c.updated_at ?? null,
  };
}

const WHAT = 'CRM contact';

const readContact: RecordReader = async (ctx, ref) => {
  const email = (ref.command as { email?: unknown } | null)?.email;
  if (typeof email !== 'string' || email === '') return noKey('customer');
  const read = await readOne(
    contactUrl(ctx, email),
    { 'x-api-key': ctx.credentials.apiKey ?? '' },
    ctx.timeoutMs,
    WHAT,
    (what, result) => {
      const wait = retryAfterMs(result.headers);
      return {
        errorClass: classifyCrmStatus(result.status),
        message: `${what} read answered ${result.status}`,
        ...(wait !== undefined && { retryAfterMs: wait }),
      };
    },
  );
  if (read.kind === 'failed') return readFailed(read);
  if (read.kind === 'absent') return readRecord(null);
  const record = contactRecord(read.body, ref.businessKey);
  return record ? readRecord(record) : unreadable(WHAT);
};

export const crmRecordReaders: Record<string, RecordReader> = { upsert_customer: readContact };
