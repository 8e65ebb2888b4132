import { z } from 'zod';
import type { ProviderContext } from '../../port';
import { normaliseName, splitFullName } from './split-name';

export const crmCredentials = z.object({ apiKey: z.string().min(1) });

/** Blank strings count as absent: JSONata mappings readily produce "" for a missing field. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined ? undefined : normaliseName(v) || undefined));

/**
 * Canonical upsert_customer command. Explicit given/family names win; a missing part is taken
 * from splitting fullName (see split-name.ts). The parsed command is the resolved one, so the
 * ledger records exactly the names that were sent.
 */
export const upsertCustomerCommand = z
  .object({
    // The CRM keys contacts by the email in the path and storefronts keep the customer's own
    // capitalisation: without lower-casing, "Lars@X.com" and "lars@x.com" would be two contacts.
    email: z.string().trim().toLowerCase().pipe(z.email()),
    fullName: optionalText,
    givenName: optionalText,
    familyName: optionalText,
    externalRef: optionalText,
  })
  .transform((c, ctx) => {
    const split = c.fullName === undefined ? null : splitFullName(c.fullName);
    const givenName = c.givenName ?? split?.givenName;
    const familyName = c.familyName ?? split?.familyName;
    if (givenName === undefined || familyName === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'needs givenName and familyName, or a fullName to split',
        path: ['fullName'],
      });
      return z.NEVER;
    }
    return {
      email: c.email,
      givenName,
      familyName,
      ...(c.externalRef !== undefined && { externalRef: c.externalRef }),
    };
  });
export type UpsertCustomerCommand = z.infer<typeof upsertCustomerCommand>;

/** The CRM's contact resource, as far as Waybill reads it. */
export const contactResource = z.object({ id: z.string().min(1), email: z.string() });

/** The contact's own address: the CRM keys contacts by email (PUT upserts, GET reads). */
export const contactUrl = (ctx: Pick<ProviderContext, 'baseUrl'>, email: string) =>
  `${ctx.baseUrl.replace(/\/+$/, '')}/crm/v3/contacts/${encodeURIComponent(email)}`;
