// What each error class means for a transaction. Retrying cannot fix bad data, a broken mapping
// or a refused permission: those go to a person (needs_review). Transient classes retry with
// backoff until the flow's attempt budget is spent, then the transaction is failed — the
// dead-letter state lives in the ledger, not only in Redis.
import { z } from 'zod';
import type { ErrorClass } from '@/lib/db';
import { backoffDelay } from './backoff';

export const retryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).max(100).default(8),
  baseDelayMs: z.number().int().min(10).default(1000),
  maxDelayMs: z
    .number()
    .int()
    .min(10)
    .default(5 * 60_000),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export function parseRetryPolicy(value: unknown): RetryPolicy {
  const parsed = retryPolicySchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : retryPolicySchema.parse({});
}

type ClassBehaviour = 'retry' | 'review';

export const CLASS_BEHAVIOUR: Record<ErrorClass, ClassBehaviour> = {
  rate_limited: 'retry',
  timeout: 'retry',
  provider_outage: 'retry',
  missing_dependency: 'retry',
  unknown: 'retry',
  auth: 'review',
  permission: 'review',
  validation: 'review',
  contract_mismatch: 'review',
  mapping: 'review',
  business_rule: 'review',
  duplicate: 'review',
  stale: 'review',
};

export type FailureDecision =
  | { kind: 'retry'; delayMs: number }
  | { kind: 'needs_review' }
  | { kind: 'failed'; reason: 'attempts_exhausted' };

export function decideOnFailure(
  errorClass: ErrorClass,
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random?: () => number,
): FailureDecision {
  const behaviour = CLASS_BEHAVIOUR[errorClass];
  switch (behaviour) {
    case 'review':
      return { kind: 'needs_review' };
    case 'retry':
      if (attempt >= policy.maxAttempts) return { kind: 'failed', reason: 'attempts_exhausted' };
      return { kind: 'retry', delayMs: backoffDelay(attempt, policy, random, retryAfterMs) };
    default: {
      const exhaustive: never = behaviour;
      return exhaustive;
    }
  }
}
