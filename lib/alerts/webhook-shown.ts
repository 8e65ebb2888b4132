// How an alert rule's webhook is shown once it is saved — in the console, the API and the audit
// log alike: its origin and a fingerprint, never the whole URL. A webhook URL's path or query is
// often itself the credential (a chat incoming-webhook URL is), so it goes in and is used, like a
// secret, but never comes back out. The fingerprint tells two URLs of one origin apart.
import { createHash } from 'node:crypto';

export interface WebhookShown {
  origin: string;
  fingerprint: string;
}

export function webhookShown(url: string): WebhookShown {
  return {
    origin: new URL(url).origin,
    fingerprint: createHash('sha256').update(url).digest('hex').slice(0, 12),
  };
}
