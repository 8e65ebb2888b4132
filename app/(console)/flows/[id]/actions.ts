'use server';

// Mapping versions of one flow: create (never update: versions are immutable), activate, roll
// back, test-run. defineAction checks each one's permission: the read-only view hiding the buttons
// is not the boundary. Audit entries are written by the use cases, in the same transaction.
import { z } from 'zod';
import { auditActorOf } from '@/lib/audit';
import { actorCan } from '@/lib/base/actor';
import { checkbox, formOrValue } from '@/lib/base/form-input';
import { AppError } from '@/lib/errors';
import { failed, type ActionFailure } from '@/lib/http/action-result';
import { defineAction, defineFormAction } from '@/lib/http/define-action';
import { activateMappingVersion } from '@/lib/mapping/activate-mapping-version';
import { createMappingVersion } from '@/lib/mapping/create-mapping-version';
import type { DraftErrors } from '@/lib/mapping/mapping-draft';
import { rollBackMapping } from '@/lib/mapping/roll-back-mapping';
import { testRunMapping, type TestRunResult } from '@/lib/mapping/test-run-mapping';
import { searchTestPayloads, type TestPayload } from '@/lib/mapping/test-payloads.presenter';

const text = (max: number) => z.string().max(max, 'too large');
const flowId = z.uuid('unknown flow');
const version = z.coerce.number().int().positive('unknown version');

/** The version history, roll-back and test-run panels call with a FormData they build (toForm). */
const itsPages = (input: { flowId: string }) => [`/flows/${input.flowId}`, '/flows'];

// A draft refused for its content saved nothing: the pages stay as they are.
const savedOnly = (input: { flowId: string }, answer: { ok: boolean }) =>
  answer.ok ? itsPages(input) : [];

const draftForm = z.object({
  flowId,
  expression: text(70_000),
  outputSchema: text(70_000),
  statusTable: text(70_000),
  fieldOwnership: text(70_000),
  note: text(2_000).optional(),
});

export type CreateAnswer =
  | ActionFailure
  | { ok: false; status: 422; error: string; draftErrors: DraftErrors }
  | { ok: true; message: string; version: number };

export const createVersion = defineFormAction({
  permission: 'mappings.manage',
  doing: 'change mappings',
  input: draftForm,
  revalidate: savedOnly,
  async run({ ctx, actor, operator, audit, input }): Promise<CreateAnswer> {
    const result = await createMappingVersion(ctx.db, actor.tenantId, {
      ...input,
      actor: auditActorOf(operator),
      requestId: audit.requestId,
    });
    if (!result.ok)
      return {
        ok: false,
        status: 422,
        error: 'The version was not saved: fix the fields marked below.',
        draftErrors: result.errors,
      };
    return {
      ok: true,
      version: result.version,
      message: `Saved as version ${result.version}. It is not active until you activate it.`,
    };
  },
});

export type SwitchAnswer = ActionFailure | { ok: true; message: string };

export const activateVersion = defineAction({
  permission: 'mappings.manage',
  doing: 'change mappings',
  input: formOrValue(z.object({ flowId, version })),
  revalidate: itsPages,
  async run({ ctx, actor, operator, audit, input }): Promise<SwitchAnswer> {
    const done = await activateMappingVersion(ctx.db, actor.tenantId, {
      ...input,
      actor: auditActorOf(operator),
      requestId: audit.requestId,
    });
    return {
      ok: true,
      message: `Version ${done.version} is active: new dispatches use it (was version ${done.previousVersion ?? 'none'}).`,
    };
  },
});

export const rollBack = defineAction({
  permission: 'mappings.manage',
  doing: 'change mappings',
  input: formOrValue(z.object({ flowId })),
  revalidate: itsPages,
  async run({ ctx, actor, operator, audit, input }): Promise<SwitchAnswer> {
    const done = await rollBackMapping(ctx.db, actor.tenantId, {
      ...input,
      actor: auditActorOf(operator),
      requestId: audit.requestId,
    });
    return {
      ok: true,
      message: `Rolled back from version ${done.previousVersion ?? '—'} to version ${done.version}.`,
    };
  },
});

export type TestRunAnswer = ActionFailure | { ok: true; result: TestRunResult };

const testRunForm = z.object({
  flowId,
  // Not refused here: the panel words a missing payload as a choice to make (see run).
  inboundEventId: z.uuid().optional().catch(undefined),
  expression: text(70_000).optional(),
  version: version.optional(),
  /** a validate-only request to the live target (an editor's tool, like a draft) */
  live: checkbox(),
});

/** Nothing is written (a live run asks the target to validate only). Saved versions need read access; a draft is an editor's tool. */
export const testRun = defineAction({
  permission: 'mappings.read',
  doing: 'test-run mappings',
  input: formOrValue(testRunForm),
  async run({ ctx, actor, input }): Promise<TestRunAnswer> {
    const { inboundEventId } = input;
    if (inboundEventId === undefined)
      return failed(422, 'Choose a stored payload to run the mapping on.');
    // Thrown, not answered: the wrapper words a 403 the same way for every action.
    if ((input.expression !== undefined || input.live) && !actorCan(actor, 'mappings.manage'))
      throw new AppError('FORBIDDEN', 'your role may not mappings.manage');
    const result = await testRunMapping(
      ctx.db,
      actor.tenantId,
      {
        ...input,
        inboundEventId,
        maskPersonalData: !actorCan(actor, 'personal_data.read'),
      },
      { keyRing: ctx.keyRing, timeoutMs: ctx.env.PROVIDER_TIMEOUT_MS },
    );
    return { ok: true, result };
  },
});

export type PayloadSearchAnswer = ActionFailure | { ok: true; payloads: TestPayload[] };

/** The test run's payload picker: any payload of this flow by business key, failed first. */
export const findTestPayloads = defineAction({
  permission: 'mappings.read',
  doing: 'test-run mappings',
  input: formOrValue(z.object({ flowId, search: text(200).default('') })),
  async run({ ctx, actor, input }): Promise<PayloadSearchAnswer> {
    const payloads = await searchTestPayloads(ctx.db, actor.tenantId, input.flowId, input.search);
    return { ok: true, payloads };
  },
});
