// An error class in words, for a group in the error queue. The label and what it means come from
// the one vocabulary (lib/ledger/error-class-help.ts); the next step is said here because a group
// is, by definition, past its retries: "Waybill retries by itself" is no longer true for it.
import type { ErrorClass } from '@/lib/db';
import { errorClassHelp } from './error-class-help';

const NEXT_STEP: Record<ErrorClass, string> = {
  auth: 'Fix the credentials on the connection, then replay the group.',
  permission: 'Ask the provider account owner for the permission, then replay.',
  validation:
    'Fix the source records or the mapping first: replaying unchanged data fails the same way.',
  contract_mismatch: 'Compare the response with the adapter and mapping before replaying.',
  rate_limited: 'The retries ran out while the provider throttled us: replay when it allows.',
  timeout: 'The retries ran out. Replaying is safe: every command carries its idempotency key.',
  duplicate: 'Check the provider: if it has the right record, resolve the group with a note.',
  stale: 'Usually nothing is lost: check the newer transaction, then resolve or ignore.',
  missing_dependency: 'Fix the step these wait for first, then replay.',
  provider_outage: 'The retries ran out during the outage: replay once the provider is back.',
  mapping: 'Fix and activate the mapping (test it on one of these payloads), then replay.',
  business_rule: 'Decide by hand: fix the cause and replay, resolve, or ignore.',
  unknown: 'Report a sample with its transaction id; replay once the cause is understood.',
};

export function groupWords(errorClass: ErrorClass | null) {
  if (!errorClass)
    return {
      label: 'Unclassified',
      meaning: 'These failed without an error class.',
      nextStep: 'Open them one by one to see what happened.',
    };
  const help = errorClassHelp(errorClass);
  return { label: help.label, meaning: help.meaning, nextStep: NEXT_STEP[errorClass] };
}
