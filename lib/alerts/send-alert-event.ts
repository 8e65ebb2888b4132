// Sends one alert event to its rule's webhook and records the outcome on the event: deliveredAt,
// or deliveryError for the next evaluation to retry. A secret the key ring cannot open is a
// delivery error too, never an exception into the job.
import type { Db } from '@/lib/db';
import type { Finding } from './alert-conditions';
import { deliverAlert, type DeliveryOutcome } from './deliver-alert';
import type { EvaluateConfig, Rule } from './evaluate-alerts';

export interface SendOutcome {
  delivered: number;
  failedDeliveries: number;
}

export async function sendAlertEvent(
  db: Db,
  config: EvaluateConfig,
  rule: Rule,
  finding: Finding,
  event: { id: string; firstAt: Date; occurrences: number },
  now: Date,
  outcome: SendOutcome,
) {
  let result: DeliveryOutcome | undefined;
  let secret: string | null = null;
  try {
    secret = rule.secretEncrypted ? config.keyRing.open(rule.secretEncrypted) : null;
  } catch {
    result = { ok: false, error: 'the signing secret cannot be opened with the current key ring' };
  }
  result ??= await deliverAlert({
    url: rule.webhookUrl,
    secret,
    timeoutMs: config.timeoutMs,
    ...(config.allowHosts && { allowHosts: config.allowHosts }),
    ...(config.lookup && { lookup: config.lookup }),
    now,
    payload: {
      event: { id: event.id, groupKey: finding.groupKey, occurrences: event.occurrences },
      rule: { id: rule.id, name: rule.name, kind: rule.kind },
      reason: finding.reason,
      errorClass: finding.errorClass,
      counts: finding.counts,
      firstAt: event.firstAt.toISOString(),
      lastAt: now.toISOString(),
      link: linkOf(config.baseUrl, finding.path),
    },
  });
  await db.alertEvent.update({
    where: { id: event.id, tenantId: rule.tenantId },
    data: result.ok ? { deliveredAt: now, deliveryError: null } : { deliveryError: result.error },
  });
  if (result.ok) outcome.delivered += 1;
  else outcome.failedDeliveries += 1;
}

export function linkOf(baseUrl: string | undefined, path: string): string {
  return baseUrl ? new URL(path, baseUrl).toString() : path;
}
