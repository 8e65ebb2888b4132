// Pure pieces of configuration shared by lib/env.ts (the only reader of process.env) and the
// settings it composes (env-oidc.ts): parsing a schema with messages that name the variable, and
// what a production process must not start with. Every function here takes the variables it reads.
import { z } from 'zod';

export const intFrom = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export function parseVars<T extends z.ZodType>(
  schema: T,
  what: string,
  vars: Record<string, string | undefined>,
): z.infer<T> {
  const result = schema.safeParse(vars);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(
      `Invalid ${what} configuration:\n${problems.join('\n')}\nSee .env.example for every variable.`,
    );
  }
  return result.data;
}

/** The secrets .env.example ships (env.test.ts keeps this list true to the file): a production
 *  process refuses every one of them, wherever it appears. */
export const DEVELOPMENT_SECRETS = [
  'dev-only-nextauth-secret-change-me',
  'ZGV2LW9ubHktd2F5YmlsbC1lbmNyeXB0aW9uLWtleSE=',
  'ZGV2LW9ubHktd2F5YmlsbC1zZWNvbmQta2V5LTAwMDA=',
  'dev-only-metrics-token-change-me',
] as const;

/**
 * What a production process must not start with, one line per setting: a development secret of
 * .env.example (session secret, encryption keys), or no public URL (links, cookies and the origin
 * check need it). Pure; lib/env.ts passes process.env.
 */
function isLoopbackUrl(value: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(value).hostname);
  } catch {
    return false;
  }
}

export function productionProblems(vars: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const dev = (value: string | undefined) =>
    value !== undefined && DEVELOPMENT_SECRETS.some((secret) => value.includes(secret));
  if (dev(vars.NEXTAUTH_SECRET))
    problems.push(
      'NEXTAUTH_SECRET: is the development value of .env.example; set a secret of your own (openssl rand -base64 32)',
    );
  for (const name of ['WAYBILL_ENCRYPTION_KEY', 'WAYBILL_ENCRYPTION_KEYS'] as const)
    if (dev(vars[name]))
      problems.push(
        `${name}: holds the demo encryption key of .env.example; generate a key (openssl rand -base64 32) and re-encrypt (docs/deploy.md)`,
      );
  if (dev(vars.METRICS_TOKEN))
    problems.push(
      'METRICS_TOKEN: is the development value of .env.example; set a token of your own (openssl rand -hex 32) or leave it empty (metrics off)',
    );
  const issuer = vars.OIDC_ISSUER?.trim();
  // http only on this machine's loopback (an identity provider beside the app, as in the tests):
  // nothing crosses a network there to read or change the tokens
  if (issuer && !issuer.toLowerCase().startsWith('https://') && !isLoopbackUrl(issuer))
    problems.push('OIDC_ISSUER: single sign-on needs an https:// issuer in production');
  if (!vars.NEXTAUTH_URL?.trim())
    problems.push("NEXTAUTH_URL: the console's public URL (https://…) is required in production");
  return problems;
}

/**
 * scrypt's N for in-process test suites, or null for today's production cost. vitest's lib
 * integration project sets WAYBILL_TEST_SCRYPT_N (vitest.config.ts): its suites sign people in
 * hundreds of times, and at OWASP's cost that is minutes of CPU. Counted only under NODE_ENV=test
 * (vitest's; the image and compose.yaml run every process with NODE_ENV=production), and only a
 * power of two from 2^10 up to today's cost. The unit, stack and browser suites keep today's.
 */
export function testScryptCostOf(
  vars: Record<string, string | undefined>,
  todays: number,
): number | null {
  if (vars.NODE_ENV !== 'test' || !vars.WAYBILL_TEST_SCRYPT_N) return null;
  const n = Number(vars.WAYBILL_TEST_SCRYPT_N);
  const powerOfTwo = Number.isInteger(n) && n >= 2 ** 10 && n <= todays && (n & (n - 1)) === 0;
  return powerOfTwo ? n : null;
}
