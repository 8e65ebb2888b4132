// CRM: upserts customers by email. The upsert is naturally idempotent (a repeat with the same
// values changes nothing), so unlike the ERP there is no lookup before a possible repeat: a second
// PUT is both the check and the write, and costs one call instead of two.
import type { ErrorClass } from '@/lib/db';
import type { OperationOutcome, ProviderAdapter, ProviderContext } from '../../port';
import { callProvider, classifyHttpStatus, retryAfterMs } from '../../http';
import { probeConnection, trimBase } from '../../connection-test';
import { targetConnectionSettings } from '../../settings';
import { describeFieldErrors, failure, redactOutcome } from '../../outcome';
import { CREDENTIAL_PLACEHOLDER, previewRequest } from '../../request-preview';
import { contactResource, crmCredentials, upsertCustomerCommand } from './schemas';
import type { UpsertCustomerCommand } from './schemas';

export function contactRequest(c: UpsertCustomerCommand) {
  return {
    email: c.email,
    given_name: c.givenName,
    family_name: c.familyName,
    ...(c.externalRef !== undefined && { external_ref: c.externalRef }),
  };
}

export function classifyCrmStatus(status: number): ErrorClass {
  // 409 = "contact is being modified": another writer holds the contact and nothing was written.
  // No class names "transient contention on one record"; of the retried ones, rate_limited is
  // the honest fit: the provider declined for now, applied nothing, and will accept the same
  // request shortly. Not timeout (that says we do not know whether it was applied), not
  // provider_outage (one busy contact is not the CRM being down, and outages open the circuit for
  // the whole connection), not duplicate/stale (those send a self-healing conflict to review).
  if (status === 409) return 'rate_limited';
  // The only route we call is PUT /contacts/{email}, an upsert: a 404 means a wrong base URL or
  // API version, not a missing contact, and retrying will not fix it.
  if (status === 404) return 'contract_mismatch';
  return classifyHttpStatus(status);
}

const contactUrl = (ctx: Pick<ProviderContext, 'baseUrl'>, email: string) =>
  `${ctx.baseUrl.replace(/\/+$/, '')}/crm/v3/contacts/${encodeURIComponent(email)}`;

async function upsertCustomer(
  ctx: ProviderContext,
  command: UpsertCustomerCommand,
): Promise<OperationOutcome> {
  const attempt = await callProvider('PUT', contactUrl(ctx, command.email), {
    headers: { 'x-api-key': ctx.credentials.apiKey ?? '' },
    body: contactRequest(command),
    timeoutMs: ctx.timeoutMs,
  });
  if (!attempt.ok) return failure(attempt.errorClass, attempt.message, attempt.exchange);
  const { status, body, headers, exchange } = attempt.result;
  if (status === 200 || status === 201) {
    const contact = contactResource.safeParse(body);
    if (!contact.success)
      return failure('contract_mismatch', `CRM answered ${status} without a contact id`, exchange);
    return {
      kind: 'success',
      externalRef: contact.data.id,
      providerStatus: status === 201 ? 'CREATED' : 'UPDATED',
      // 200 covers "updated" and "unchanged" alike: the CRM does not say which.
      alreadyApplied: false,
      exchange,
    };
  }
  const errorClass =
    status >= 200 && status < 300 ? 'contract_mismatch' : classifyCrmStatus(status);
  const reason =
    status === 409
      ? `concurrent modification, nothing written (${describeFieldErrors(body)})`
      : describeFieldErrors(body);
  return failure(errorClass, `CRM ${status}: ${reason}`, exchange, retryAfterMs(headers));
}

export const crmAdapter: ProviderAdapter = {
  kind: 'crm',
  displayName: 'CRM',
  capabilities: { idempotencyKeys: false, getByReference: true, listByWindow: true, bulk: false },
  credentials: crmCredentials,
  settings: targetConnectionSettings,
  testConnection: (ctx) =>
    probeConnection(
      `${trimBase(ctx.baseUrl)}/crm/v3/contacts?limit=1`,
      { 'x-api-key': ctx.credentials.apiKey ?? '' },
      ctx.timeoutMs,
      'The CRM',
    ),
  operations: {
    upsert_customer: {
      input: upsertCustomerCommand,
      describeRequest: (ctx, command) => {
        const c = command as UpsertCustomerCommand;
        return previewRequest(
          'PUT',
          contactUrl(ctx, c.email),
          { 'x-api-key': CREDENTIAL_PLACEHOLDER },
          contactRequest(c),
        );
      },
      execute: async (ctx, command) =>
        redactOutcome(await upsertCustomer(ctx, command as UpsertCustomerCommand), ctx.credentials),
    },
  },
};
