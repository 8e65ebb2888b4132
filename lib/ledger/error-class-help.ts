// Every error class in words a support agent reads: what happened and what to do about it. The
// Record over the enum makes the compiler refuse a new class without its explanation.
import type { ErrorClass } from '@/lib/db';

export interface ErrorClassHelp {
  /** a short name for badges and filters */
  label: string;
  /** one sentence: what went wrong */
  meaning: string;
  /** one sentence: what a person does next */
  action: string;
}

export const ERROR_CLASS_HELP: Record<ErrorClass, ErrorClassHelp> = {
  auth: {
    label: 'Credentials refused',
    meaning: 'The provider rejected our credentials.',
    action: "An admin must update the connection's credentials; then replay.",
  },
  permission: {
    label: 'Not permitted',
    meaning:
      'The provider accepted our credentials but does not allow this operation — or Waybill refused to send it to an internal address (the message says which).',
    action:
      "Ask the provider account owner to grant the permission, or have an admin correct the connection's base URL; then replay.",
  },
  validation: {
    label: 'Rejected data',
    meaning: 'The provider refused the request because a field is missing or invalid.',
    action:
      'Check the provider response for the field, fix the source record or the mapping; then replay.',
  },
  contract_mismatch: {
    label: 'Unexpected answer',
    meaning: 'The provider answered in a shape we do not understand (its API may have changed).',
    action: 'An admin should compare the response with the adapter and mapping before replaying.',
  },
  rate_limited: {
    label: 'Rate limited',
    meaning: 'The provider asked us to slow down.',
    action: 'Nothing to do: Waybill waits as told and retries by itself.',
  },
  timeout: {
    label: 'Timed out',
    meaning: 'The provider did not answer in time; the request may or may not have been applied.',
    action:
      'Waybill retries with the same idempotency key; check the provider before resolving by hand.',
  },
  duplicate: {
    label: 'Duplicate',
    meaning: 'The provider says this object already exists.',
    action: 'Find it in the provider; if it is the right one, resolve with a note.',
  },
  stale: {
    label: 'Out of date',
    meaning: 'A newer change to the same object arrived first, so this one no longer applies.',
    action: 'Usually nothing: resolve or cancel with a note after checking the newer transaction.',
  },
  missing_dependency: {
    label: 'Waiting for another step',
    meaning: 'Something this depends on (e.g. the sales order for a payment) is not there yet.',
    action: 'Waybill retries by itself; if the other step failed, fix that one first.',
  },
  provider_outage: {
    label: 'Provider down',
    meaning: 'The provider is unavailable or answering with server errors.',
    action: 'Waybill retries and holds new work while the circuit is open; replay after recovery.',
  },
  mapping: {
    label: 'Mapping failed',
    meaning: 'Our mapping could not turn the source record into the request for the target.',
    action:
      'An admin should fix the mapping (test it on this payload) and activate it; then replay.',
  },
  business_rule: {
    label: 'Business rule',
    meaning: 'The provider refused the request for a business reason (e.g. an item out of stock).',
    action: 'Fix the cause in the provider or with the customer; then replay, resolve or cancel.',
  },
  unknown: {
    label: 'Unclassified',
    meaning: 'The failure did not match any known class: this is a bug to be named.',
    action: 'Report it with the transaction id; replay once the cause is understood.',
  },
};

export function errorClassHelp(errorClass: ErrorClass): ErrorClassHelp {
  return ERROR_CLASS_HELP[errorClass];
}

/** The label of a class named by a string from the timeline (older facts may name retired ones). */
export function errorClassLabel(value: string): string {
  return Object.hasOwn(ERROR_CLASS_HELP, value)
    ? ERROR_CLASS_HELP[value as ErrorClass].label
    : value;
}
