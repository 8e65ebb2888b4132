// CRM: upserts customers by email. The upsert is naturally idempotent (a repeat with the same
// values changes nothing), so unlike the ERP there is no lookup before a possible repeat: a second
// PUT is both the check and the write, and costs one call instead of two.
import type { OperationOutcome, ProviderAdapter, ProviderContext } from '../../port';
import { callProvider, retryAfterMs } from '../../http';
import { classifyCrmStatus } from './classify';
import { crmRecordReaders } from './record-reader';
import { probeConnection, trimBase } from '../../connection-test';
import { targetConnectionSettings } from '../../settings';
import { describeFieldErrors, failure, redactOutcome } from '../../outcome';
import { CREDENTIAL_PLACEHOLDER, previewRequest } from '../../request-preview';
import { contactResource, contactUrl, crmCredentials, upsertCustomerCommand } from './schemas';
import type { UpsertCustomerCommand } from './schemas';

export function contactRequest(c: UpsertCustomerCommand) {
  return {
    email: c.email,
    given_name: c.givenName,
    family_name: c.familyName,
    ...(c.externalRef !== undefined && { external_ref: c.externalRef }),
  };
}

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
  eventTypes: [],
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
  recordReaders: crmRecordReaders,
  // one contact per email: a repeat customer's later order updates the contact an earlier made
  sharedRecords: ['upsert_customer'],
};
