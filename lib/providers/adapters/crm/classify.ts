// The CRM's failure statuses -> error classes, shared by the upsert and the contact read.
import type { ErrorClass } from '@/lib/db';
import { classifyHttpStatus } from '../../http';

export function classifyCrmStatus(status: number): ErrorClass {
  // 409 = "contact is being modified": another writer holds the contact and nothing was written.
  // No class names "transient contention on one record"; of the retried ones, rate_limited is
  // the honest fit: the provider declined for now, applied nothing, and will accept the same
  // request shortly. Not timeout (that says we do not know whether it was applied), not
  // provider_outage (one busy contact is not the CRM being down, and outages open the circuit for
  // the whole connection), not duplicate/stale (those send a self-healing conflict to review).
  if (status === 409) return 'rate_limited';
  // PUT /contacts/{email} is an upsert: a 404 means a wrong base URL or API version, not a missing
  // contact, and retrying will not fix it. (The contact read takes its 404 as "no such contact"
  // before this table is asked.)
  if (status === 404) return 'contract_mismatch';
  return classifyHttpStatus(status);
}
