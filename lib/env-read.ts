// The machinery every lib/env*.ts reader shares: .env loading, parsing a schema with messages that
// name the variable, and the production guard that refuses .env.example's development values.
// lib/env.ts is the entry point the rest of the code imports.
import { existsSync } from 'node:fs';
import { z } from 'zod';

let dotEnvLoaded = false;
/** Loads .env once when present; variables already set win. Scripts call it before reading config. */
export function loadDotEnv(): void {
  if (dotEnvLoaded) return;
  dotEnvLoaded = true;
  // Next loads .env itself; the worker and scripts rely on this. Existing variables win.
  if (existsSync('.env')) process.loadEnvFile('.env');
}

export const intFrom = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export function parse<T extends z.ZodType>(
  schema: T,
  what: string,
  vars: Record<string, string | undefined> = process.env,
): z.infer<T> {
  loadDotEnv();
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
 * check need it). Pure, for the tests; `vars` is process.env.
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

/** `npm run demo` runs the production build with .env.example's values and says so; nothing
 *  else may set this (docs/deploy.md). */
const DEV_SETTINGS_ALLOWED = 'WAYBILL_ALLOW_DEVELOPMENT_SETTINGS';

let productionChecked = false;
/** Throws, naming each setting, when NODE_ENV=production and a development value is in use. */
export function refuseDevelopmentSettingsInProduction(): void {
  if (productionChecked) return;
  loadDotEnv();
  const allowed = process.env[DEV_SETTINGS_ALLOWED] === '1';
  if (process.env.NODE_ENV === 'production' && allowed)
    console.warn(
      `${DEV_SETTINGS_ALLOWED}=1: development settings allowed (the demo); never in production`,
    );
  if (process.env.NODE_ENV === 'production' && !allowed) {
    const problems = productionProblems(process.env);
    if (problems.length > 0)
      throw new Error(
        `Refusing to start with NODE_ENV=production:\n  ${problems.join('\n  ')}\nSee docs/deploy.md.`,
      );
  }
  productionChecked = true;
}
