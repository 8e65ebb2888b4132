'use server';

// SLA rules and alert rules. defineFormAction checks settings.manage for each and reads its form;
// each calls one use case, and the page is fresh after a change. Creating an alert rule and
// rotating its secret answer the signing secret exactly once, to the admin who asked; nothing else
// (page, log, audit entry) ever holds it.
import { z } from 'zod';
import { alertRuleDeps } from '@/lib/alerts/alert-rule-deps';
import { paramsFromForm } from '@/lib/alerts/alert-rule-input';
import { ALERT_KINDS } from '@/lib/alerts/alert-rule-params';
import { ALERT_CHANNELS } from '@/lib/alerts/channels';
import {
  createAlertRule,
  deleteAlertRule,
  rotateAlertRuleSecret,
  updateAlertRule,
} from '@/lib/alerts/alert-rules';
import { checkbox } from '@/lib/base/form-input';
import { succeeded, type ActionFailure, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';
import { createSlaRule, deleteSlaRule, updateSlaRule } from '@/lib/sla/sla-rules';

const PAGE = '/settings/alerts';
const DOING = 'manage SLA and alert rules';
// Every action here answers only once its use case succeeded (refusals are thrown), so the
// refresh after an answer is a refresh after a change.
const AFTER = [PAGE];

export type SecretResult =
  | ActionFailure
  /** secret: the signing secret of a webhook rule, shown once; null for the other channels */
  | { ok: true; message: string; name: string; secret: string | null };

// The forms are read here; the use cases judge the values with their own schemas
// (lib/sla/sla-rule-input.ts, lib/alerts/alert-rule-input.ts) and refuse in words.
const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
/** A text field as sent, untrimmed (the rule schemas trim); left out reads as blank. */
const text = z.preprocess(textOf, z.string());

const idForm = z.object({ id: z.uuid('unknown rule') });
const toggleForm = idForm.extend({
  enabled: z.enum(['true', 'false'], 'choose on or off').transform((on) => on === 'true'),
});

const slaFields = {
  name: text,
  // "—" (no start flow) is sent as ''
  startFlowId: text.transform((id) => id || null),
  expectFlowId: text,
  withinMinutes: text,
  enabled: checkbox(),
};

const secretShown = (message: string, rule: { name: string; secret: string | null }) => ({
  ok: true as const,
  message,
  name: rule.name,
  secret: rule.secret,
});

const toggled = (name: string, enabled: boolean) =>
  succeeded(`"${name}" is ${enabled ? 'enabled' : 'disabled'}.`);

export const createSlaRuleAction = defineFormAction({
  permission: 'settings.manage',
  doing: DOING,
  revalidate: AFTER,
  input: z.object(slaFields),
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const by = { actor, requestId: audit.requestId };
    const rule = await createSlaRule(ctx.db, actor.tenantId, input, by);
    return succeeded(`SLA rule "${rule.name}" created; it is checked every minute.`);
  },
});

export const updateSlaRuleAction = defineFormAction({
  permission: 'settings.manage',
  doing: DOING,
  revalidate: AFTER,
  // an unknown id is refused on its own, before the use case judges the fields
  input: idForm.extend(slaFields),
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const { id, ...change } = input;
    const by = { actor, requestId: audit.requestId };
    const result = await updateSlaRule(ctx.db, actor.tenantId, id, change, by);
    return succeeded(
      result.changed.length === 0
        ? `Nothing changed on "${result.name}".`
        : `"${result.name}" saved (${result.changed.join(', ')}).`,
    );
  },
});

export const setSlaRuleEnabled = defineFormAction({
  permission: 'settings.manage',
  doing: DOING,
  revalidate: AFTER,
  input: toggleForm,
  async run({ ctx, actor, audit, input: { id, enabled } }): Promise<ActionResult> {
    const by = { actor, requestId: audit.requestId };
    const result = await updateSlaRule(ctx.db, actor.tenantId, id, { enabled }, by);
    return toggled(result.name, enabled);
  },
});

export const deleteSlaRuleAction = defineFormAction({
  permission: 'settings.manage',
  doing: DOING,
  revalidate: AFTER,
  input: idForm,
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const by = { actor, requestId: audit.requestId };
    const result = await deleteSlaRule(ctx.db, actor.tenantId, input.id, by);
    return succeeded(`SLA rule "${result.name}" deleted.`);
  },
});

/** a destination field of another channel is blank: left out, so the use case ignores it */
const optionalText = text.transform((value) => value.trim() || undefined);

/**
 * The kind decides which "param.<key>" fields the form carries and the channel which destination
 * fields count: both are refused on their own.
 */
const alertRuleForm = z
  .looseObject({
    name: text,
    kind: z.enum(ALERT_KINDS, 'choose what the rule watches'),
    channel: z.enum(ALERT_CHANNELS, 'choose where alerts go'),
    webhookUrl: optionalText,
    slackWebhookUrl: optionalText,
    pagerdutyRoutingKey: optionalText,
    pagerdutySeverity: optionalText,
    pagerdutyEndpoint: optionalText,
    // one address per line or comma-separated
    emailRecipients: optionalText.transform((list) => list?.split(/[\s,;]+/).filter(Boolean)),
    // blank: the default quiet period
    quietMinutes: text.transform((minutes) => minutes || undefined),
    enabled: checkbox(),
  })
  .transform(({ name, kind, channel, quietMinutes, enabled, ...fields }) => {
    const only = <T>(forChannel: string, value: T) => (channel === forChannel ? value : undefined);
    return {
      name,
      kind,
      params: paramsFromForm(kind, (key) => textOf(fields[key])),
      channel,
      webhookUrl: only('webhook', fields.webhookUrl),
      slackWebhookUrl: only('slack', fields.slackWebhookUrl),
      pagerdutyRoutingKey: only('pagerduty', fields.pagerdutyRoutingKey),
      // the use case refuses an unknown severity in words
      pagerdutySeverity: only('pagerduty', fields.pagerdutySeverity) as
        'critical' | 'error' | 'warning' | 'info' | undefined,
      pagerdutyEndpoint: only('pagerduty', fields.pagerdutyEndpoint),
      emailRecipients: only('email', fields.emailRecipients),
      quietMinutes,
      enabled,
    };
  });

export const createAlertRuleAction = defineFormAction({
  permission: 'settings.manage',
  doing: DOING,
  revalidate: AFTER,
  input: alertRuleForm,
  async run({ ctx, actor, audit, input }): Promise<SecretResult> {
    const by = { actor, requestId: audit.requestId };
    const rule = await createAlertRule(ctx.db, actor.tenantId, input, alertRuleDeps(ctx), by);
    return secretShown(`Alert rule "${rule.name}" created.`, rule);
  },
});

export const setAlertRuleEnabled = defineFormAction({
  permission: 'settings.manage',
  doing: DOING,
  revalidate: AFTER,
  input: toggleForm,
  async run({ ctx, actor, audit, input: { id, enabled } }): Promise<ActionResult> {
    const by = { actor, requestId: audit.requestId };
    const deps = alertRuleDeps(ctx);
    const result = await updateAlertRule(ctx.db, actor.tenantId, id, { enabled }, deps, by);
    return toggled(result.name, enabled);
  },
});

export const deleteAlertRuleAction = defineFormAction({
  permission: 'settings.manage',
  doing: DOING,
  revalidate: AFTER,
  input: idForm,
  async run({ ctx, actor, audit, input }): Promise<ActionResult> {
    const by = { actor, requestId: audit.requestId };
    const result = await deleteAlertRule(ctx.db, actor.tenantId, input.id, by);
    return succeeded(`Alert rule "${result.name}" deleted.`);
  },
});

export const rotateAlertRuleSecretAction = defineFormAction({
  permission: 'settings.manage',
  doing: DOING,
  revalidate: AFTER,
  input: idForm,
  async run({ ctx, actor, audit, input }): Promise<SecretResult> {
    const by = { actor, requestId: audit.requestId };
    const rotated = await rotateAlertRuleSecret(ctx.db, actor.tenantId, input.id, ctx, by);
    return secretShown(`New signing secret for "${rotated.name}".`, rotated);
  },
});
