// Input rules shared by the connection use cases, and the one way they refuse bad input: an
// AppError('VALIDATION_FAILED') naming the field, with per-field messages for the form. Messages
// never echo a submitted value (it may be a secret pasted into the wrong field).
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import {
  checkOutboundUrl,
  outboundPolicy,
  resolveOutboundTarget,
  type OutboundPolicy,
  type UrlWords,
} from '@/lib/outbound';
import { listAdapters } from '@/lib/providers/registry';
import { checkSearchPath, MAX_SEARCH_PATHS } from '@/lib/ledger/search-paths';
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
  .pipe(z.url({ protocol: /^https?$/, error: 'enter an http:// or https:// URL' }))
  .refine(
    (url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url),
    'the base URL must not contain a user name or password; enter credentials under Credentials',
  );
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
/** Payload search paths (docs/adr/0027); null: the provider adapter's defaults. */
export const searchPaths = z
  .array(
    z.string().superRefine((path, ctx) => {
      const problem = checkSearchPath(path);
      if (problem) ctx.addIssue({ code: 'custom', message: `${path.slice(0, 80)} ${problem}` });
    }),
  )
  .max(MAX_SEARCH_PATHS)
  .nullable();
/** What a provider issues as a webhook signing secret; its format is the provider's business. */
export const webhookSecret = z
  .string()
  .min(8, 'the secret is shorter than 8 characters')
  .max(1000, 'the secret is longer than 1000 characters')
  .regex(/^\S+$/, 'the secret may not contain spaces or line breaks');

/** A path token is the only proof a sender gives: long enough that it cannot be guessed. */
export const MIN_PATH_TOKEN_LENGTH = 32;

export function refuseShortPathToken(pathToken: boolean | undefined, secret: string | undefined) {
  if (pathToken && secret !== undefined && secret.length < MIN_PATH_TOKEN_LENGTH)
    throw new AppError(
      'VALIDATION_FAILED',
      `webhookSecret: a path token must be at least ${MIN_PATH_TOKEN_LENGTH} characters`,
      {
        fieldErrors: {
          webhookSecret: [
            `this connection's senders prove themselves by this token in the URL: use a random value of at least ${MIN_PATH_TOKEN_LENGTH} characters`,
          ],
        },
      },
    );
}

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

/** How the outbound guard's refusals read for a base URL (lib/outbound). */
const BASE_URL: UrlWords = {
  url: 'the base URL',
  host: 'the host',
  reach: 'which Waybill does not call unless OUTBOUND_ALLOW_HOSTS names it',
  credentials: 'enter credentials under Credentials',
  // a name DNS does not know yet may be saved; every call checks again where the socket opens
  unknown: null,
};

/** The synchronous part of the guard (the host as written), for documents checked in one pass. */
export function baseUrlProblem(raw: string, allowHosts: readonly string[]): string | null {
  const verdict = checkOutboundUrl(raw, allowHosts, BASE_URL);
  return verdict.ok ? null : verdict.reason;
}

/**
 * Refuses a base URL the outbound guard would refuse — an internal address as written or as DNS
 * answers now (this machine, private networks, link-local and the metadata service), unless
 * OUTBOUND_ALLOW_HOSTS names it — with VALIDATION_FAILED on `baseUrl`. Provider calls check again
 * when they connect (the answer of DNS may change).
 */
export async function refuseInternalBaseUrl(
  raw: string,
  policy: OutboundPolicy = outboundPolicy(),
): Promise<void> {
  const verdict = await resolveOutboundTarget(raw, policy.allowHosts, policy.lookup, BASE_URL);
  if (verdict.ok) return;
  throw new AppError('VALIDATION_FAILED', `baseUrl: ${verdict.reason}`, {
    fieldErrors: { baseUrl: [verdict.reason] },
  });
}

/** Scheme, host and port: credentials are for one origin and never follow the URL to another. */
/** Where a connection's credentials are sent: its base URL, and any other (an OAuth token URL). */
export function credentialDestinations(
  provider: string,
  baseUrl: string,
  settings: unknown,
): string[] {
  const adapter = listAdapters().find((a) => a.kind === provider);
  return adapter?.credentialDestinations?.(baseUrl, settings) ?? [baseUrl];
}

/** True when an edit sends the credentials to an origin they were not sent to before. */
export function credentialsMoved(
  provider: string,
  before: { baseUrl: string; settings: unknown },
  after: { baseUrl: string; settings: unknown },
): boolean {
  const was = credentialDestinations(provider, before.baseUrl, before.settings);
  return credentialDestinations(provider, after.baseUrl, after.settings).some(
    (url) => !was.some((old) => sameOrigin(old, url)),
  );
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
