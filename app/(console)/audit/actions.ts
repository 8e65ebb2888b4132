'use server';

// Audit log: "Verify chain" recomputes the tenant's hash chain on the server and answers what it
// found. It reads the whole log and changes nothing; the permission is checked here, not only by
// hiding the button.
import { z } from 'zod';
import { auditAnchorSchema } from '@/lib/audit/audit-filter';
import { verifyAuditChain, type AuditVerifyResult } from '@/lib/audit/verify';
import { requireActor } from '@/lib/auth/session';
import { actionFailure, type ActionFailure } from '@/lib/http/action-result';
import { serverContext } from '@/lib/server/context';

export type VerifyAnswer = ActionFailure | ({ ok: true } & { result: AuditVerifyResult });

const blank = (v: FormDataEntryValue | null) => (typeof v === 'string' && v.trim() ? v : undefined);

const verifyInput = z
  .object({ anchorSeq: z.string().optional(), anchorHash: z.string().optional() })
  .transform((f, ctx) => {
    if (!f.anchorSeq && !f.anchorHash) return null;
    const anchor = auditAnchorSchema.safeParse({ seq: f.anchorSeq, hash: f.anchorHash });
    if (anchor.success) return anchor.data;
    ctx.addIssue({
      code: 'custom',
      message: 'a saved head needs both its entry number and its 64-character hash',
      path: ['anchorHash'],
    });
    return z.NEVER;
  });

export async function verifyChain(
  _previous: VerifyAnswer | null,
  form: FormData,
): Promise<VerifyAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('audit.read');
    const anchor = verifyInput.parse({
      anchorSeq: blank(form.get('anchorSeq')),
      anchorHash: blank(form.get('anchorHash')),
    });
    const result = await verifyAuditChain(ctx.db, actor.tenantId, { anchor });
    return { ok: true, result };
  } catch (error) {
    return actionFailure(error, ctx.log, 'read the audit log');
  }
}
