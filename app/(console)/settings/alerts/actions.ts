'use server';

// SLA rules and alert rules. Each action authorises, reads its form, calls one use case and maps
// refusals to words. Creating an alert rule and rotating its secret answer the signing secret
// exactly once, to the admin who asked; nothing else (page, log, audit entry) ever holds it.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { alertRuleDeps } from '@/lib/alerts/alert-rule-deps';
import { createAlertRuleSchema, paramsFromForm } from '@/lib/alerts/alert-rule-input';
import { ALERT_KINDS } from '@/lib/alerts/alert-rule-params';
import {
  createAlertRule,
  deleteAlertRule,
  rotateAlertRuleSecret,
  updateAlertRule,
} from '@/lib/alerts/alert-rules';
import { requireActor } from '@/lib/auth/session';
import {
  actionFailure,
  succeeded,
  type ActionFailure,
  type ActionResult,
} from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/http/request-id';
import { serverContext } from '@/lib/server/context';
import { createSlaRuleSchema, updateSlaRuleSchema } from '@/lib/sla/sla-rule-input';
import { createSlaRule, deleteSlaRule, updateSlaRule } from '@/lib/sla/sla-rules';

const PAGE = '/settings/alerts';
const DOING = 'manage SLA and alert rules';

export type SecretResult =
  ActionFailure | { ok: true; message: string; name: string; secret: string };

const idForm = z.object({ id: z.uuid('unknown rule') });
const toggleForm = idForm.extend({ enabled: z.enum(['true', 'false'], 'choose on or off') });
const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === 'string' ? value : '';
};

function slaFields(form: FormData) {
  return {
    name: text(form, 'name'),
    startFlowId: text(form, 'startFlowId') || null,
    expectFlowId: text(form, 'expectFlowId'),
    withinMinutes: text(form, 'withinMinutes'),
    enabled: form.get('enabled') === 'on',
  };
}

export async function createSlaRuleAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('settings.manage');
    const input = createSlaRuleSchema.parse(slaFields(form));
    const rule = await createSlaRule(ctx.db, actor.tenantId, input, {
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PAGE);
    return succeeded(`SLA rule "${rule.name}" created; it is checked every minute.`);
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function updateSlaRuleAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('settings.manage');
    const { id } = idForm.parse({ id: text(form, 'id') });
    const input = updateSlaRuleSchema.parse(slaFields(form));
    const result = await updateSlaRule(ctx.db, actor.tenantId, id, input, {
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PAGE);
    return succeeded(
      result.changed.length === 0
        ? `Nothing changed on "${result.name}".`
        : `"${result.name}" saved (${result.changed.join(', ')}).`,
    );
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function setSlaRuleEnabled(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('settings.manage');
    const { id, enabled } = toggleForm.parse({
      id: text(form, 'id'),
      enabled: text(form, 'enabled'),
    });
    const result = await updateSlaRule(
      ctx.db,
      actor.tenantId,
      id,
      { enabled: enabled === 'true' },
      { actor, requestId: requestIdOf(await headers()) },
    );
    revalidatePath(PAGE);
    return succeeded(`"${result.name}" is ${enabled === 'true' ? 'enabled' : 'disabled'}.`);
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function deleteSlaRuleAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('settings.manage');
    const { id } = idForm.parse({ id: text(form, 'id') });
    const result = await deleteSlaRule(ctx.db, actor.tenantId, id, {
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PAGE);
    return succeeded(`SLA rule "${result.name}" deleted.`);
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function createAlertRuleAction(
  _previous: SecretResult | null,
  form: FormData,
): Promise<SecretResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('settings.manage');
    const kind = z.enum(ALERT_KINDS, 'choose what the rule watches').parse(text(form, 'kind'));
    const input = createAlertRuleSchema.parse({
      name: text(form, 'name'),
      kind,
      params: paramsFromForm(kind, (key) => text(form, key)),
      webhookUrl: text(form, 'webhookUrl'),
      quietMinutes: text(form, 'quietMinutes') || undefined,
      enabled: form.get('enabled') === 'on',
    });
    const rule = await createAlertRule(ctx.db, actor.tenantId, input, alertRuleDeps(ctx), {
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PAGE);
    return {
      ok: true,
      message: `Alert rule "${rule.name}" created.`,
      name: rule.name,
      secret: rule.secret,
    };
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function setAlertRuleEnabled(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('settings.manage');
    const { id, enabled } = toggleForm.parse({
      id: text(form, 'id'),
      enabled: text(form, 'enabled'),
    });
    const result = await updateAlertRule(
      ctx.db,
      actor.tenantId,
      id,
      { enabled: enabled === 'true' },
      alertRuleDeps(ctx),
      { actor, requestId: requestIdOf(await headers()) },
    );
    revalidatePath(PAGE);
    return succeeded(`"${result.name}" is ${enabled === 'true' ? 'enabled' : 'disabled'}.`);
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function deleteAlertRuleAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('settings.manage');
    const { id } = idForm.parse({ id: text(form, 'id') });
    const result = await deleteAlertRule(ctx.db, actor.tenantId, id, {
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PAGE);
    return succeeded(`Alert rule "${result.name}" deleted.`);
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

export async function rotateAlertRuleSecretAction(
  _previous: SecretResult | null,
  form: FormData,
): Promise<SecretResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('settings.manage');
    const { id } = idForm.parse({ id: text(form, 'id') });
    const rotated = await rotateAlertRuleSecret(ctx.db, actor.tenantId, id, ctx, {
      actor,
      requestId: requestIdOf(await headers()),
    });
    revalidatePath(PAGE);
    return {
      ok: true,
      message: `New signing secret for "${rotated.name}".`,
      name: rotated.name,
      secret: rotated.secret,
    };
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}
