// Input rules shared by the connection use cases, and the one way they refuse bad input: an
// AppError('VALIDATION_FAILED') naming the field, with per-field messages for the form. Messages
// never echo a submitted value (it may be a secret pasted into the wrong field).
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { maskingPathProblem, MAX_MASKING_RULES } from './masking-paths';

export const connectionKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use 2-63 lowercase letters, digits or dashes');
export const connectionName = z.string().trim().min(1, 'enter a name').max(100);
export const baseUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, error: 'enter an http:// or https:// URL' }));
export const rateLimitPerSecond = z.number().int().min(1).max(10_000).nullable();
export const maxConcurrency = z.number().int().min(1).max(1000).nullable();
export const maskingRules = z
  .array(
    z.string().superRefine((path, ctx) => {
      const problem = maskingPathProblem(path);
      if (problem) ctx.addIssue({ code: 'custom', message: `${path.slice(0, 80)} ${problem}` });
    }),
  )
  .max(MAX_MASKING_RULES);
/** What a provider issues as a webhook signing secret; its format is the provider's business. */
export const webhookSecret = z
  .string()
  .min(8, 'the secret is shorter than 8 characters')
  .max(1000, 'the secret is longer than 1000 characters')
  .regex(/^\S+$/, 'the secret may not contain spaces or line breaks');

export const OVERLAP_CHOICES = { none: 0, '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 };
export type OverlapChoice = keyof typeof OVERLAP_CHOICES;
export const overlapChoice = z.enum(['none', '1h', '24h', '7d']);

/** Parses or throws VALIDATION_FAILED; `field` prefixes paths (e.g. "settings"). */
export function parseOrRefuse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  field?: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const name = [field, ...issue.path.map(String)].filter(Boolean).join('.') || 'input';
    (fieldErrors[name] ??= []).push(issue.message);
  }
  const [first] = Object.entries(fieldErrors);
  const message = first ? `${first[0]}: ${first[1][0] ?? 'invalid'}` : 'invalid input';
  throw new AppError('VALIDATION_FAILED', message, { fieldErrors });
}
