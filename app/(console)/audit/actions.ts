'use server';

// Audit log: "Verify chain" recomputes the tenant's hash chain on the server and answers what it
// found. It reads the whole log and changes nothing; defineFormAction checks the permission here,
// not only by hiding the button.
import { z } from 'zod';
import { auditAnchorSchema } from '@/lib/audit/audit-filter';
import { verifyAuditChain, type AuditVerifyResult } from '@/lib/audit/verify';
import type { ActionFailure } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';

export type VerifyAnswer = ActionFailure | ({ ok: true } & { result: AuditVerifyResult });

// A blank field is "not given"; a filled one is passed on as typed (the anchor schema reads it).
const blank = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

const verifyInput = z
  .object({
    anchorSeq: z.preprocess(blank, z.string().optional()),
    anchorHash: z.preprocess(blank, z.string().optional()),
  })
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

export const verifyChain = defineFormAction({
  permission: 'audit.read',
  doing: 'read the audit log',
  input: verifyInput,
  async run({ ctx, actor, input: anchor }): Promise<VerifyAnswer> {
    const result = await verifyAuditChain(ctx.db, actor.tenantId, { anchor });
    return { ok: true, result };
  },
});
