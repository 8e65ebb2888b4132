'use server';

// Configuration of one connection: settings, limits, masking rules, credentials, webhook secret
// and "test connection". defineFormAction checks connections.manage for every one (anyone can POST
// to an action) and reads the form once; each calls one use case and answers in words. Secrets
// submitted here are sealed by the use case and never echoed back.
import { z } from 'zod';
import { overlapChoice } from '@/lib/connections/connection-input';
import { endWebhookOverlap } from '@/lib/connections/end-webhook-overlap';
import { parseMaskingRules } from '@/lib/connections/masking-paths';
import { parseSearchPaths } from '@/lib/ledger/search-paths';
import { replaceCredentials } from '@/lib/connections/replace-credentials';
import { rotateWebhookSecret } from '@/lib/connections/rotate-webhook-secret';
import { testConnection } from '@/lib/connections/test-connection';
import { updateConnection, type UpdateConnectionInput } from '@/lib/connections/update-connection';
import { failed, succeeded, type ActionFailure, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import {
  jsonField,
  optionalCount,
  secretText,
  text,
  unlessGone,
  withCredentials,
} from '../_shared/config-form-data';

const id = z.uuid('unknown connection');
const theConnection = z.object({ id });

// Only a change refreshes the pages: a refusal (rules not saved, the connection gone) leaves them.
const itsPages = (input: { id: string }, result: { ok: boolean }) =>
  result.ok ? [`/connections/${input.id}`, '/connections'] : [];

/** The sections of the page post here, each with its own fields. */
const section = z.discriminatedUnion('section', [
  z.object({
    id,
    section: z.literal('general'),
    name: text(),
    baseUrl: text(),
    settings: jsonField(),
  }),
  z.object({
    id,
    section: z.literal('limits'),
    rateLimitPerSecond: optionalCount(),
    maxConcurrency: optionalCount(),
  }),
  z.object({ id, section: z.literal('masking'), maskingRules: text() }),
  // an unchecked checkbox is absent from the form: text() reads it as ''
  z.object({ id, section: z.literal('search'), searchPaths: text(), useDefaults: text() }),
]);

export const saveConnection = defineFormAction({
  permission: 'connections.manage',
  doing: 'change connections',
  input: section,
  revalidate: itsPages,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    let change: UpdateConnectionInput;
    if (input.section === 'general')
      change = { name: input.name, baseUrl: input.baseUrl, settings: input.settings };
    else if (input.section === 'limits')
      change = {
        rateLimitPerSecond: input.rateLimitPerSecond,
        maxConcurrency: input.maxConcurrency,
      };
    else if (input.section === 'search') {
      const check = parseSearchPaths(input.searchPaths);
      if (input.useDefaults === '' && check.problems.length > 0)
        return {
          ...failed(422, 'Some search paths are not valid JSON paths; nothing was saved.'),
          fieldErrors: {
            searchPaths: check.problems.map((p) => `line ${p.line}: ${p.path} ${p.problem}`),
          },
        };
      change = { searchPaths: input.useDefaults === '' ? check.paths : null };
    } else {
      const check = parseMaskingRules(input.maskingRules);
      if (check.problems.length > 0)
        return {
          ...failed(422, 'Some masking rules are not valid JSON paths; nothing was saved.'),
          fieldErrors: {
            maskingRules: check.problems.map((p) => `line ${p.line}: ${p.path} ${p.problem}`),
          },
        };
      change = { maskingRules: check.rules };
    }
    const by = { actor: operator, audit };
    return unlessGone(async () => {
      const { changed, credentialsCleared } = await updateConnection(
        ctx.db,
        actor.tenantId,
        input.id,
        change,
        by,
      );
      if (changed.length === 0) return succeeded('Nothing changed.');
      const saved = `Saved (${changed.join(', ')}).`;
      return succeeded(
        credentialsCleared
          ? `${saved} The stored credentials were removed because the base URL now points at another address; enter them again under Credentials.`
          : saved,
      );
    });
  },
});

export const replaceConnectionCredentials = defineFormAction({
  permission: 'connections.manage',
  doing: 'change credentials',
  input: withCredentials(z.object({ id, credentials: z.record(z.string(), z.string()) })),
  revalidate: itsPages,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const by = { actor: operator, audit, keyRing: ctx.keyRing };
    return unlessGone(async () => {
      const { keyId } = await replaceCredentials(
        ctx.db,
        actor.tenantId,
        input.id,
        input.credentials,
        by,
      );
      return succeeded(`Credentials replaced and stored encrypted (key ${keyId}).`);
    });
  },
});

export const rotateConnectionWebhookSecret = defineFormAction({
  permission: 'connections.manage',
  doing: 'rotate webhook secrets',
  input: z.object({ id, secret: secretText(), overlap: text().pipe(overlapChoice) }),
  revalidate: itsPages,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const { secret, overlap } = input;
    const by = { actor: operator, audit, keyRing: ctx.keyRing };
    return unlessGone(async () => {
      const { previousAcceptedUntil } = await rotateWebhookSecret(
        ctx.db,
        actor.tenantId,
        input.id,
        { secret, overlap },
        by,
      );
      return succeeded(
        previousAcceptedUntil
          ? 'Webhook secret rotated. The previous secret is still accepted until the time shown.'
          : 'Webhook secret rotated. Only the new secret is accepted from now on.',
      );
    });
  },
});

export const endConnectionWebhookOverlap = defineFormAction({
  permission: 'connections.manage',
  doing: 'rotate webhook secrets',
  input: theConnection,
  revalidate: itsPages,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    return unlessGone(async () => {
      const { ended } = await endWebhookOverlap(ctx.db, actor.tenantId, input.id, {
        actor: operator,
        audit,
      });
      return succeeded(
        ended
          ? 'Overlap ended: only the new webhook secret is accepted now.'
          : 'There was no overlap to end.',
      );
    });
  },
});

/** A test that ran answers `tested` (passed or not); a refused request answers a failure. */
export type TestConnectionResult =
  { ok: true; tested: true; passed: boolean; message: string } | ActionFailure;

export const testConnectionAction = defineFormAction({
  permission: 'connections.manage',
  doing: 'test connections',
  input: theConnection,
  async run({ ctx, actor, operator, audit, input }): Promise<TestConnectionResult> {
    return unlessGone(async () => {
      const outcome = await testConnection(ctx.db, actor.tenantId, input.id, {
        actor: operator,
        audit,
        keyRing: ctx.keyRing,
        timeoutMs: ctx.env.PROVIDER_TIMEOUT_MS,
      });
      return {
        ok: true,
        tested: true,
        passed: outcome.ok,
        message: outcome.ok
          ? `${outcome.message} (${outcome.durationMs} ms)`
          : `Test failed (${outcome.errorClass.replaceAll('_', ' ')}): ${outcome.message}`,
      };
    });
  },
});
