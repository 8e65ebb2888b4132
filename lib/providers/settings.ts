// Connection settings shared by adapters. What the engine reads from a connection's settings today
// is its circuit-breaker policy (lib/engine/drain.ts); each adapter's own schema builds on this and
// stays strict, so a typo ("circut") is refused instead of silently ignored.
import { z } from 'zod';
import { breakerPolicySchema } from '@/lib/providers/breaker-policy';

/** Overrides of the breaker policy: any field left out keeps the engine's default. */
export const circuitSettings = z.strictObject({
  windowMs: breakerPolicySchema.shape.windowMs.unwrap().max(3_600_000).optional(),
  minCalls: breakerPolicySchema.shape.minCalls.unwrap().max(10_000).optional(),
  failureRate: breakerPolicySchema.shape.failureRate.unwrap().optional(),
  openMs: breakerPolicySchema.shape.openMs.unwrap().max(3_600_000).optional(),
});

/** Settings of a connection Waybill sends commands to. */
export const targetConnectionSettings = z.strictObject({
  circuit: circuitSettings.optional(),
});

/** Settings of a connection that only sends Waybill webhooks: nothing to tune yet. */
export const sourceOnlySettings = z.strictObject({});
