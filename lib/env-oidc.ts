// Single sign-on settings (docs/security.md): the instance's OpenID Connect provider, all three
// variables or none. Pure: lib/env.ts reads them (oidcEnv).
import { z } from 'zod';
import { parseVars } from './env-parse';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const oidcSchema = z
  .object({
    /** single sign-on (docs/security.md): the OpenID Connect issuer, e.g. https://login.example.com.
     *  https, or http on a loopback address (development, tests); production: https only */
    OIDC_ISSUER: z.preprocess(
      blank,
      z
        .url()
        .refine((v) => {
          if (!URL.canParse(v)) return true; // z.url() has said so already
          const url = new URL(v);
          return (
            url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))
          );
        }, 'must be an https:// URL (http:// only on 127.0.0.1 or localhost)')
        .optional(),
    ),
    OIDC_CLIENT_ID: z.preprocess(blank, z.string().optional()),
    OIDC_CLIENT_SECRET: z.preprocess(blank, z.string().optional()),
    /** the sign-in button's label */
    OIDC_NAME: z.preprocess(blank, z.string().max(60).default('Single sign-on')),
  })
  .superRefine((env, ctx) => {
    const names = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
    const missing = names.filter((n) => env[n] === undefined);
    if (missing.length > 0 && missing.length < names.length)
      for (const name of missing)
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together (or none): ${name} is missing`,
        });
  });

export interface OidcSettings {
  /** as configured (some providers' `iss` ends in a slash, some not); the discovery document is
   *  at <issuer without trailing slash>/.well-known/openid-configuration */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the sign-in button's label */
  name: string;
}

/** The single sign-on settings of `vars`, or null when none are set. Throws naming a variable
 *  when only some are set or the issuer is not a URL it may use. Pure, for tests. */
export function oidcEnvOf(vars: Record<string, string | undefined>): OidcSettings | null {
  const env = parseVars(oidcSchema, 'single sign-on', vars);
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME,
  };
}
