'use server';

// Mapping versions of one flow: create (never update: versions are immutable), activate, roll
// back, test-run. Each action checks its own permission: the read-only view hiding the buttons is
// not the boundary. Audit entries are written by the use cases, in the same transaction.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { auditActorOf } from '@/lib/audit';
import { actorCan, operatorOf } from '@/lib/base/actor';
import { requireActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { actionFailure, failed, type ActionFailure } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { activateMappingVersion } from '@/lib/mapping/activate-mapping-version';
import { createMappingVersion } from '@/lib/mapping/create-mapping-version';
import type { DraftErrors } from '@/lib/mapping/mapping-draft';
import { rollBackMapping } from '@/lib/mapping/roll-back-mapping';
import { testRunMapping, type TestRunResult } from '@/lib/mapping/test-run-mapping';
import { serverContext } from '@/lib/server/context';

const text = (max: number) => z.string().max(max, 'too large');
const flowId = z.uuid('unknown flow');
const version = z.coerce.number().int().positive('unknown version');

const draftForm = z.object({
  flowId,
  expression: text(70_000),
  outputSchema: text(70_000),
  statusTable: text(70_000),
  fieldOwnership: text(70_000),
  note: text(2_000).optional(),
});

const field = (form: FormData, name: string) => form.get(name) ?? undefined;
const fields = (form: FormData, names: readonly string[]) =>
  Object.fromEntries(names.map((n) => [n, field(form, n)]));

async function auditContext(permission: 'mappings.manage') {
  const actor = await requireActor(permission);
  return {
    actor,
    audit: { actor: auditActorOf(operatorOf(actor)), requestId: requestIdOf(await headers()) },
  };
}

function refresh(id: string) {
  revalidatePath(`/flows/${id}`);
  revalidatePath('/flows');
}

export type CreateAnswer =
  | ActionFailure
  | { ok: false; status: 422; error: string; draftErrors: DraftErrors }
  | { ok: true; message: string; version: number };

export async function createVersion(
  _previous: CreateAnswer | null,
  form: FormData,
): Promise<CreateAnswer> {
  const ctx = serverContext();
  try {
    const { actor, audit } = await auditContext('mappings.manage');
    const input = draftForm.parse(fields(form, Object.keys(draftForm.shape)));
    const result = await createMappingVersion(ctx.db, actor.tenantId, { ...input, ...audit });
    if (!result.ok)
      return {
        ok: false,
        status: 422,
        error: 'The version was not saved: fix the fields marked below.',
        draftErrors: result.errors,
      };
    refresh(input.flowId);
    return {
      ok: true,
      version: result.version,
      message: `Saved as version ${result.version}. It is not active until you activate it.`,
    };
  } catch (error) {
    return actionFailure(error, ctx.log, 'change mappings');
  }
}

export type SwitchAnswer = ActionFailure | { ok: true; message: string };

export async function activateVersion(form: FormData): Promise<SwitchAnswer> {
  const ctx = serverContext();
  try {
    const { actor, audit } = await auditContext('mappings.manage');
    const input = z.object({ flowId, version }).parse(fields(form, ['flowId', 'version']));
    const done = await activateMappingVersion(ctx.db, actor.tenantId, { ...input, ...audit });
    refresh(input.flowId);
    return {
      ok: true,
      message: `Version ${done.version} is active: new dispatches use it (was version ${done.previousVersion ?? 'none'}).`,
    };
  } catch (error) {
    return actionFailure(error, ctx.log, 'change mappings');
  }
}

export async function rollBack(form: FormData): Promise<SwitchAnswer> {
  const ctx = serverContext();
  try {
    const { actor, audit } = await auditContext('mappings.manage');
    const input = z.object({ flowId }).parse(fields(form, ['flowId']));
    const done = await rollBackMapping(ctx.db, actor.tenantId, { ...input, ...audit });
    refresh(input.flowId);
    return {
      ok: true,
      message: `Rolled back from version ${done.previousVersion ?? '—'} to version ${done.version}.`,
    };
  } catch (error) {
    return actionFailure(error, ctx.log, 'change mappings');
  }
}

export type TestRunAnswer = ActionFailure | { ok: true; result: TestRunResult };

const testRunForm = z.object({
  flowId,
  inboundEventId: z.uuid('choose a stored payload'),
  expression: text(70_000).optional(),
  version: version.optional(),
});

/** Nothing is sent or written. Saved versions need read access; a draft is an editor's tool. */
export async function testRun(form: FormData): Promise<TestRunAnswer> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('mappings.read');
    const input = testRunForm.parse(
      fields(form, ['flowId', 'inboundEventId', 'expression', 'version']),
    );
    if (input.expression !== undefined && !actorCan(actor, 'mappings.manage'))
      throw new AppError('FORBIDDEN', 'your role may not mappings.manage');
    const result = await testRunMapping(ctx.db, actor.tenantId, {
      ...input,
      maskPersonalData: !actorCan(actor, 'personal_data.read'),
    });
    return { ok: true, result };
  } catch (error) {
    if (error instanceof z.ZodError && error.issues[0]?.path[0] === 'inboundEventId')
      return failed(422, 'Choose a stored payload to run the mapping on.');
    return actionFailure(error, ctx.log, 'test-run mappings');
  }
}
