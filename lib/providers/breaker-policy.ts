// A connection's circuit-breaker settings: validated with the connection's settings
// (lib/providers/settings.ts) and run by the engine's breaker (lib/engine/circuit-breaker.ts).
import { z } from 'zod';

export const breakerPolicySchema = z.object({
  windowMs: z.number().int().min(1000).default(10_000),
  minCalls: z.number().int().min(1).default(10),
  failureRate: z.number().min(0.01).max(1).default(0.5),
  openMs: z.number().int().min(100).default(15_000),
});
export type BreakerPolicy = z.infer<typeof breakerPolicySchema>;

export function parseBreakerPolicy(value: unknown): BreakerPolicy {
  const parsed = breakerPolicySchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : breakerPolicySchema.parse({});
}
