// The circuit breaker of one connection, as a pure state machine. Closed: calls flow and outcomes
// are counted in a window; when the window holds at least `minCalls` calls and the share of
// outage-like failures reaches `failureRate`, the circuit opens. Open: nothing is sent until
// `openMs` has passed; then half-open lets exactly one probe through. The probe's success closes
// the circuit, its failure opens it again. Only failures that say "the provider is unwell"
// (outage, timeout) count: a validation error is the request's fault, a 429 has its own handling.
import type { ErrorClass } from '@/lib/db';

import type { BreakerPolicy } from '@/lib/providers/breaker-policy';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface Breaker {
  state: CircuitState;
  changedAtMs: number;
  windowStartedAtMs: number;
  calls: number;
  failures: number;
}

export type Gate = { kind: 'closed' } | { kind: 'probe' } | { kind: 'open'; untilMs: number };

export type CallOutcome = { kind: 'success' } | { kind: 'failure'; errorClass: ErrorClass };

const TRIPPING: ReadonlySet<ErrorClass> = new Set(['provider_outage', 'timeout']);

export function isTripping(errorClass: ErrorClass): boolean {
  return TRIPPING.has(errorClass);
}

export function closedBreaker(nowMs: number): Breaker {
  return { state: 'closed', changedAtMs: nowMs, windowStartedAtMs: nowMs, calls: 0, failures: 0 };
}

/** What may be sent now. An open circuit whose time is up becomes half-open (one probe). */
export function gate(breaker: Breaker, nowMs: number, policy: BreakerPolicy): Gate {
  switch (breaker.state) {
    case 'closed':
      return { kind: 'closed' };
    case 'half_open':
      return { kind: 'probe' };
    case 'open': {
      const untilMs = breaker.changedAtMs + policy.openMs;
      return nowMs >= untilMs ? { kind: 'probe' } : { kind: 'open', untilMs };
    }
    default: {
      const exhaustive: never = breaker.state;
      return exhaustive;
    }
  }
}

/** Moves an open circuit whose time is up to half-open (the caller is about to send the probe). */
export function beginProbe(breaker: Breaker, nowMs: number, policy: BreakerPolicy): Breaker {
  if (breaker.state === 'open' && nowMs >= breaker.changedAtMs + policy.openMs)
    return { ...breaker, state: 'half_open', changedAtMs: nowMs };
  return breaker;
}

/** Folds the outcomes of calls that just finished into the breaker. */
export function record(
  breaker: Breaker,
  outcomes: readonly CallOutcome[],
  nowMs: number,
  policy: BreakerPolicy,
): Breaker {
  let b = breaker;
  for (const outcome of outcomes) {
    const tripping = outcome.kind === 'failure' && isTripping(outcome.errorClass);
    switch (b.state) {
      case 'half_open':
        b = tripping
          ? { ...b, state: 'open', changedAtMs: nowMs }
          : outcome.kind === 'success'
            ? closedBreaker(nowMs)
            : b; // a non-tripping failure says nothing about the provider's health
        break;
      case 'open':
        break; // late answers of calls sent before the circuit opened change nothing
      case 'closed': {
        if (nowMs - b.windowStartedAtMs > policy.windowMs)
          b = { ...b, windowStartedAtMs: nowMs, calls: 0, failures: 0 };
        const calls = b.calls + 1;
        const failures = b.failures + (tripping ? 1 : 0);
        b =
          calls >= policy.minCalls && failures / calls >= policy.failureRate
            ? { state: 'open', changedAtMs: nowMs, windowStartedAtMs: nowMs, calls: 0, failures: 0 }
            : { ...b, calls, failures };
        break;
      }
      default: {
        const exhaustive: never = b.state;
        return exhaustive;
      }
    }
  }
  return b;
}
