'use server';

// Configuration of one connection: settings, limits, masking rules, credentials, webhook secret
// and "test connection". Every action checks connections.manage itself (anyone can POST to an
// action), parses the form, calls one use case and answers in words; secrets submitted here are
// sealed by the use case and never echoed back.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { overlapChoice } from '@/lib/connections/connection-input';
import { endWebhookOverlap } from '@/lib/connections/end-webhook-overlap';
import { parseMaskingRules } from '@/lib/connections/masking-paths';
import { replaceCredentials } from '@/lib/connections/replace-credentials';
import { rotateWebhookSecret } from '@/lib/connections/rotate-webhook-secret';
import { testConnection } from '@/lib/connections/test-connection';
import { updateConnection, type UpdateConnectionInput } from '@/lib/connections/update-connection';
import { failed, succeeded, type ActionFailure, type ActionResult } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { serverContext } from '@/lib/server/context';
import { configFailure, jsonField, optionalCount, textField } from '../_shared/config-form-data';

const id = z.uuid('unknown connection');

async function by() {
  const actor = await requireActor('connections.manage');
  return {
    tenantId: actor.tenantId,
    actor: { id: actor.userId, label: actor.name },
    audit: { requestId: requestIdOf(await headers()) },
  };
}

function done(connectionId: string, message: string): ActionResult {
  revalidatePath(`/connections/${connectionId}`);
  revalidatePath('/connections');
  return succeeded(message);
}

export async function saveConnection(
  _p: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const who = await by();
    const connectionId = id.parse(form.get('id'));
    const section = z.enum(['general', 'limits', 'masking']).parse(form.get('section'));
    let input: UpdateConnectionInput;
    if (section === 'general')
      input = {
        name: textField(form, 'name'),
        baseUrl: textField(form, 'baseUrl'),
        settings: jsonField(form, 'settings'),
      };
    else if (section === 'limits')
      input = {
        rateLimitPerSecond: optionalCount(form, 'rateLimitPerSecond'),
        maxConcurrency: optionalCount(form, 'maxConcurrency'),
      };
    else {
      const check = parseMaskingRules(textField(form, 'maskingRules'));
      if (check.problems.length > 0)
        return {
          ...failed(422, 'Some masking rules are not valid JSON paths; nothing was saved.'),
          fieldErrors: {
            maskingRules: check.problems.map((p) => `line ${p.line}: ${p.path} ${p.problem}`),
          },
        };
      input = { maskingRules: check.rules };
    }
    const { changed } = await updateConnection(ctx.db, who.tenantId, connectionId, input, who);
    return done(
      connectionId,
      changed.length === 0 ? 'Nothing changed.' : `Saved (${changed.join(', ')}).`,
    );
  } catch (error) {
    return configFailure(error, ctx.log, 'change connections');
  }
}

export async function replaceConnectionCredentials(
  _p: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const who = await by();
    const connectionId = id.parse(form.get('id'));
    // Only the credential fields (named "credential.<field>"); blank ones are left out so the
    // adapter's schema names what is missing.
    const credentials: Record<string, string> = {};
    for (const [name, value] of form.entries())
      if (name.startsWith('credential.') && typeof value === 'string' && value !== '')
        credentials[name.slice('credential.'.length)] = value;
    const { keyId } = await replaceCredentials(ctx.db, who.tenantId, connectionId, credentials, {
      ...who,
      keyRing: ctx.keyRing,
    });
    return done(connectionId, `Credentials replaced and stored encrypted (key ${keyId}).`);
  } catch (error) {
    return configFailure(error, ctx.log, 'change credentials');
  }
}

export async function rotateConnectionWebhookSecret(
  _p: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const who = await by();
    const connectionId = id.parse(form.get('id'));
    const { previousAcceptedUntil } = await rotateWebhookSecret(
      ctx.db,
      who.tenantId,
      connectionId,
      {
        secret: textField(form, 'secret', false),
        overlap: overlapChoice.parse(textField(form, 'overlap')),
      },
      { ...who, keyRing: ctx.keyRing },
    );
    return done(
      connectionId,
      previousAcceptedUntil
        ? 'Webhook secret rotated. The previous secret is still accepted until the time shown.'
        : 'Webhook secret rotated. Only the new secret is accepted from now on.',
    );
  } catch (error) {
    return configFailure(error, ctx.log, 'rotate webhook secrets');
  }
}

export async function endConnectionWebhookOverlap(
  _p: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const who = await by();
    const connectionId = id.parse(form.get('id'));
    const { ended } = await endWebhookOverlap(ctx.db, who.tenantId, connectionId, who);
    return done(
      connectionId,
      ended
        ? 'Overlap ended: only the new webhook secret is accepted now.'
        : 'There was no overlap to end.',
    );
  } catch (error) {
    return configFailure(error, ctx.log, 'rotate webhook secrets');
  }
}

/** A test that ran answers `tested` (passed or not); a refused request answers a failure. */
export type TestConnectionResult =
  { ok: true; tested: true; passed: boolean; message: string } | ActionFailure;

export async function testConnectionAction(
  _p: TestConnectionResult | null,
  form: FormData,
): Promise<TestConnectionResult> {
  const ctx = serverContext();
  try {
    const who = await by();
    const connectionId = id.parse(form.get('id'));
    const outcome = await testConnection(ctx.db, who.tenantId, connectionId, {
      ...who,
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
  } catch (error) {
    return configFailure(error, ctx.log, 'test connections');
  }
}
