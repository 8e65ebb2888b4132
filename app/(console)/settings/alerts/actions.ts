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
import type { Actor } from '@/lib/base/actor';
import { requireActor } from '@/lib/auth/session';
import {
  actionFailure,
  succeeded,
  type ActionFailure,
  type ActionResult,
} from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { serverContext, type ServerContext } from '@/lib/server/context';
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
const idOf = (form: FormData) => idForm.parse({ id: text(form, 'id') }).id;

function toggleOf(form: FormData): { id: string; enabled: boolean } {
  const { id, enabled } = toggleForm.parse({
    id: text(form, 'id'),
    enabled: text(form, 'enabled'),
  });
  return { id, enabled: enabled === 'true' };
}

const secretShown = (message: string, rule: { name: string; secret: string }) => ({
  ok: true as const,
  message,
  name: rule.name,
  secret: rule.secret,
});

const toggled = (name: string, enabled: boolean) =>
  succeeded(`"${name}" is ${enabled ? 'enabled' : 'disabled'}.`);

/** Who changes a rule and in which request: what each use case records in its audit entry. */
interface AdminRequest {
  actor: Actor;
  requestId: string | null;
}

/**
 * What every action here shares: the permission, who is asking, a fresh page after the change and
 * refusals in words. `change` reads the form and calls one use case.
 */
async function manageRules<R extends { ok: true }>(
  change: (ctx: ServerContext, by: AdminRequest) => Promise<R>,
): Promise<R | ActionFailure> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('settings.manage');
    const result = await change(ctx, { actor, requestId: requestIdOf(await headers()) });
    revalidatePath(PAGE);
    return result;
  } catch (error) {
    return actionFailure(error, ctx.log, DOING);
  }
}

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
  return manageRules(async ({ db }, by) => {
    const input = createSlaRuleSchema.parse(slaFields(form));
    const rule = await createSlaRule(db, by.actor.tenantId, input, by);
    return succeeded(`SLA rule "${rule.name}" created; it is checked every minute.`);
  });
}

export async function updateSlaRuleAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return manageRules(async ({ db }, by) => {
    const id = idOf(form);
    const input = updateSlaRuleSchema.parse(slaFields(form));
    const result = await updateSlaRule(db, by.actor.tenantId, id, input, by);
    return succeeded(
      result.changed.length === 0
        ? `Nothing changed on "${result.name}".`
        : `"${result.name}" saved (${result.changed.join(', ')}).`,
    );
  });
}

export async function setSlaRuleEnabled(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return manageRules(async ({ db }, by) => {
    const { id, enabled } = toggleOf(form);
    const result = await updateSlaRule(db, by.actor.tenantId, id, { enabled }, by);
    return toggled(result.name, enabled);
  });
}

export async function deleteSlaRuleAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return manageRules(async ({ db }, by) => {
    const result = await deleteSlaRule(db, by.actor.tenantId, idOf(form), by);
    return succeeded(`SLA rule "${result.name}" deleted.`);
  });
}

export async function createAlertRuleAction(
  _previous: SecretResult | null,
  form: FormData,
): Promise<SecretResult> {
  return manageRules(async (ctx, by) => {
    const kind = z.enum(ALERT_KINDS, 'choose what the rule watches').parse(text(form, 'kind'));
    const input = createAlertRuleSchema.parse({
      name: text(form, 'name'),
      kind,
      params: paramsFromForm(kind, (key) => text(form, key)),
      webhookUrl: text(form, 'webhookUrl'),
      quietMinutes: text(form, 'quietMinutes') || undefined,
      enabled: form.get('enabled') === 'on',
    });
    const rule = await createAlertRule(ctx.db, by.actor.tenantId, input, alertRuleDeps(ctx), by);
    return secretShown(`Alert rule "${rule.name}" created.`, rule);
  });
}

export async function setAlertRuleEnabled(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return manageRules(async (ctx, by) => {
    const { id, enabled } = toggleOf(form);
    const deps = alertRuleDeps(ctx);
    const result = await updateAlertRule(ctx.db, by.actor.tenantId, id, { enabled }, deps, by);
    return toggled(result.name, enabled);
  });
}

export async function deleteAlertRuleAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return manageRules(async ({ db }, by) => {
    const result = await deleteAlertRule(db, by.actor.tenantId, idOf(form), by);
    return succeeded(`Alert rule "${result.name}" deleted.`);
  });
}

export async function rotateAlertRuleSecretAction(
  _previous: SecretResult | null,
  form: FormData,
): Promise<SecretResult> {
  return manageRules(async (ctx, by) => {
    const rotated = await rotateAlertRuleSecret(ctx.db, by.actor.tenantId, idOf(form), ctx, by);
    return secretShown(`New signing secret for "${rotated.name}".`, rotated);
  });
}
