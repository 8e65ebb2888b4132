// Sends one message of an alert event (its trigger or its resolve) through the rule's channel and
// records the outcome on the event: delivered, or the error with a backoff before the next try
// (alert-decision.ts retryAtAfter). A destination the key ring cannot open is a delivery error
// too, never an exception into the job.
import type { Db } from '@/lib/db';
import { MAX_RESOLVE_ATTEMPTS, retryAtAfter } from './alert-decision';
import { openTarget } from './channel-input';
import {
  sendToChannel,
  type AlertMessage,
  type ChannelTarget,
  type DeliveryOutcome,
} from './channels';
import { messageIdOf, type AlertMessageType } from './channels/message';
import type { EvaluateConfig, Rule } from './evaluate-alerts';

export interface SendOutcome {
  delivered: number;
  failedDeliveries: number;
}

/** What an alert event says, from the finding (trigger) or from the stored event (resolve). */
export interface EventFacts {
  id: string;
  groupKey: string;
  reason: string;
  errorClass: string | null;
  counts: Record<string, number>;
  firstAt: Date;
  lastAt: Date;
  occurrences: number;
  /** the trigger: when it was delivered before (a reminder's id differs from the first's) */
  deliveredAt: Date | null;
  resolvedAt: Date | null;
  deliveryAttempts: number;
  /** console path the alert links to */
  path: string;
}

export function messageOf(
  type: AlertMessageType,
  rule: Pick<Rule, 'id' | 'name' | 'kind'>,
  facts: EventFacts,
  baseUrl: string | undefined,
): AlertMessage {
  return {
    type,
    id: messageIdOf(type, facts.id, type === 'triggered' ? facts.deliveredAt : facts.resolvedAt),
    event: { id: facts.id, groupKey: facts.groupKey, occurrences: facts.occurrences },
    rule: { id: rule.id, name: rule.name, kind: rule.kind },
    reason: facts.reason,
    errorClass: facts.errorClass,
    counts: facts.counts,
    firstAt: facts.firstAt.toISOString(),
    lastAt: facts.lastAt.toISOString(),
    resolvedAt: facts.resolvedAt?.toISOString() ?? null,
    link: linkOf(baseUrl, facts.path),
  };
}

export async function sendAlertEvent(
  db: Db,
  config: EvaluateConfig,
  rule: Rule,
  type: AlertMessageType,
  facts: EventFacts,
  now: Date,
  outcome: SendOutcome,
): Promise<void> {
  let target: ChannelTarget | undefined;
  let result: DeliveryOutcome | undefined;
  try {
    target = openTarget(rule, config.keyRing, now);
  } catch {
    result = { ok: false, error: "the rule's secret or destination cannot be opened" };
  }
  if (target) {
    const message = messageOf(type, rule, facts, config.baseUrl);
    result = await sendToChannel(target, message, now, config);
  }
  await db.alertEvent.update({
    where: { id: facts.id, tenantId: rule.tenantId },
    data: recordOf(type, result ?? { ok: false, error: 'not sent' }, facts.deliveryAttempts, now),
  });
  if (result?.ok) outcome.delivered += 1;
  else outcome.failedDeliveries += 1;
}

function recordOf(type: AlertMessageType, result: DeliveryOutcome, attempts: number, now: Date) {
  const cleared = { deliveryAttempts: 0, retryAt: null };
  if (type === 'triggered')
    return result.ok
      ? // a trigger after a resolve starts the event's messages over
        {
          ...cleared,
          deliveredAt: now,
          deliveryError: null,
          resolveDeliveredAt: null,
          resolveDeliveryError: null,
        }
      : {
          deliveryError: result.error,
          deliveryAttempts: attempts + 1,
          retryAt: retryAtAfter(attempts + 1, now),
        };
  if (result.ok) return { ...cleared, resolveDeliveredAt: now, resolveDeliveryError: null };
  const giveUp = attempts + 1 >= MAX_RESOLVE_ATTEMPTS;
  return {
    resolveDeliveryError: giveUp
      ? `${result.error} (gave up after ${attempts + 1} attempts)`
      : result.error,
    deliveryAttempts: attempts + 1,
    retryAt: giveUp ? null : retryAtAfter(attempts + 1, now),
  };
}

export function linkOf(baseUrl: string | undefined, path: string): string {
  return baseUrl ? new URL(path, baseUrl).toString() : path;
}
