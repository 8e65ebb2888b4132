// What each error class means for a transaction. Retrying cannot fix bad data, a broken mapping
// or a refused permission: those go to a person (needs_review). Transient classes retry with
// backoff until the attempt budget is spent (the flow's defaults, or the class's own override:
// a warehouse outage may deserve longer waits than a 429), then the transaction is failed — the
// dead-letter state lives in the ledger, not only in Redis.
import { z } from 'zod';
import type { ErrorClass } from '@/lib/db';
import { backoffDelay } from './backoff';

/** The classes that retry (CLASS_BEHAVIOUR 'retry'): only these can have their own budget. */
export const RETRYING_CLASSES = [
  'rate_limited',
  'timeout',
  'provider_outage',
  'missing_dependency',
  'unknown',
] as const satisfies readonly ErrorClass[];
export type RetryingClass = (typeof RETRYING_CLASSES)[number];

const maxAttempts = z.number().int().min(1).max(100);
const delayMs = z.number().int().min(10);

/** One class's budget over the flow's defaults: a field left out is the default's. */
export const classOverrideSchema = z.strictObject({
  maxAttempts: maxAttempts.optional(),
  baseDelayMs: delayMs.optional(),
  maxDelayMs: delayMs.optional(),
});
export type ClassOverride = z.infer<typeof classOverrideSchema>;

// Strict: a misspelt class ("timeouts") or a review class ("validation": retrying cannot fix it)
// is refused rather than silently ignored.
const classesSchema = z.strictObject(
  Object.fromEntries(RETRYING_CLASSES.map((c) => [c, classOverrideSchema.optional()])) as Record<
    RetryingClass,
    z.ZodOptional<typeof classOverrideSchema>
  >,
);

export const retryPolicySchema = z.object({
  maxAttempts: maxAttempts.default(8),
  baseDelayMs: delayMs.default(1000),
  maxDelayMs: delayMs.default(5 * 60_000),
  /** per retrying class, merged over the three defaults above (e.g. a longer outage backoff) */
  classes: classesSchema.default({}),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;
/** What decideOnFailure needs: a policy without overrides is one with `classes: {}`. */
export type RetryPolicyLike = Omit<RetryPolicy, 'classes'> & { classes?: RetryPolicy['classes'] };

export function parseRetryPolicy(value: unknown): RetryPolicy {
  const parsed = retryPolicySchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : retryPolicySchema.parse({});
}

/** The budget one class gets: its override's fields over the flow's defaults. */
export function policyForClass(
  policy: RetryPolicyLike,
  errorClass: ErrorClass,
): { maxAttempts: number; baseDelayMs: number; maxDelayMs: number } {
  const override = isRetrying(errorClass) ? policy.classes?.[errorClass] : undefined;
  return {
    maxAttempts: override?.maxAttempts ?? policy.maxAttempts,
    baseDelayMs: override?.baseDelayMs ?? policy.baseDelayMs,
    maxDelayMs: override?.maxDelayMs ?? policy.maxDelayMs,
  };
}

function isRetrying(errorClass: ErrorClass): errorClass is RetryingClass {
  return (RETRYING_CLASSES as readonly ErrorClass[]).includes(errorClass);
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
  /** maxAttempts: the budget of this class, so the timeline can say "retry 2 of 3" */
  | { kind: 'retry'; delayMs: number; maxAttempts: number }
  | { kind: 'needs_review' }
  | { kind: 'failed'; reason: 'attempts_exhausted' };

export function decideOnFailure(
  errorClass: ErrorClass,
  attempt: number,
  policy: RetryPolicyLike,
  retryAfterMs?: number,
  random?: () => number,
): FailureDecision {
  const behaviour = CLASS_BEHAVIOUR[errorClass];
  switch (behaviour) {
    case 'review':
      return { kind: 'needs_review' };
    case 'retry': {
      const budget = policyForClass(policy, errorClass);
      if (attempt >= budget.maxAttempts) return { kind: 'failed', reason: 'attempts_exhausted' };
      return {
        kind: 'retry',
        delayMs: backoffDelay(attempt, budget, random, retryAfterMs),
        maxAttempts: budget.maxAttempts,
      };
    }
    default: {
      const exhaustive: never = behaviour;
      return exhaustive;
    }
  }
}

/** A delay as people read it on a timeline: "850 ms", "42 s", "3 min 5 s", "2 h 10 min". */
export function delayWords(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
