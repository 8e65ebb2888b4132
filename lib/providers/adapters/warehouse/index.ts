// Warehouse (WMS): creates fulfilments with an Idempotency-Key, looks them up by reference.
import type { OperationOutcome, ProviderAdapter, ProviderContext } from '../../port';
import { callProvider, classifyHttpStatus, retryAfterMs } from '../../http';
import { redactOutcome } from '../../outcome';
import { CREDENTIAL_PLACEHOLDER, previewRequest } from '../../request-preview';
import { probeConnection, trimBase } from '../../connection-test';
import { targetConnectionSettings } from '../../settings';
import {
  createFulfilmentCommand,
  fulfilmentResource,
  warehouseCredentials,
  type CreateFulfilmentCommand,
} from './schemas';
import { warehouseWebhook } from './webhook';
import { findByReference } from './lookup';
import { warehouseRecordReaders } from './record-reader';

function toRequest(c: CreateFulfilmentCommand) {
  return {
    reference: c.reference,
    order_number: c.orderNumber,
    lines: c.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    ship_to: {
      name: c.shipTo.name,
      address1: c.shipTo.address1,
      city: c.shipTo.city,
      postal_code: c.shipTo.postalCode,
      country: c.shipTo.country,
    },
  };
}

function describeErrors(body: unknown): string {
  const parsed = body as { error?: string; errors?: { path: string; message: string }[] } | null;
  const fields = parsed?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
  return fields ? `${parsed?.error ?? 'rejected'} (${fields})` : (parsed?.error ?? 'rejected');
}

async function createFulfilment(
  ctx: ProviderContext,
  command: CreateFulfilmentCommand,
  opts: { idempotencyKey: string },
): Promise<OperationOutcome> {
  const attempt = await callProvider('POST', `${ctx.baseUrl}/v1/fulfilments`, {
    headers: {
      authorization: `Bearer ${ctx.credentials.apiToken}`,
      'idempotency-key': opts.idempotencyKey,
    },
    body: toRequest(command),
    timeoutMs: ctx.timeoutMs,
  });
  if (!attempt.ok)
    return {
      kind: 'failure',
      errorClass: attempt.errorClass,
      message: attempt.message,
      exchange: attempt.exchange,
    };
  const { status, body, headers, exchange } = attempt.result;
  if (status === 200 || status === 201) {
    const parsed = fulfilmentResource.safeParse(body);
    if (!parsed.success)
      return {
        kind: 'failure',
        errorClass: 'contract_mismatch',
        message: 'warehouse answered without a fulfilment id',
        exchange,
      };
    return {
      kind: 'success',
      externalRef: parsed.data.id,
      providerStatus: parsed.data.status,
      alreadyApplied: headers.get('idempotent-replayed') === 'true',
      exchange,
    };
  }
  const code = (body as { error?: string } | null)?.error;
  if (status === 409 && (code === 'duplicate_reference' || code === 'idempotency_key_reused')) {
    // The fulfilment exists (created by an earlier attempt or with an older mapping): adopt it.
    const lookup = await findByReference(ctx, command.reference);
    switch (lookup.kind) {
      case 'found':
        return {
          kind: 'success',
          externalRef: lookup.fulfilment.id,
          providerStatus: lookup.fulfilment.status,
          alreadyApplied: true,
          exchange,
        };
      case 'failed':
        return {
          kind: 'failure',
          errorClass: lookup.errorClass,
          message: `warehouse reports ${code}; ${lookup.message}`,
          exchange,
        };
      case 'absent':
        return {
          kind: 'failure',
          errorClass: 'duplicate',
          message: `warehouse reports ${code} but no fulfilment for ${command.reference}`,
          exchange,
        };
      default: {
        const exhaustive: never = lookup;
        return exhaustive;
      }
    }
  }
  const errorClass =
    code === 'token_expired' || code === 'invalid_token' ? 'auth' : classifyHttpStatus(status);
  return {
    kind: 'failure',
    errorClass,
    message: `warehouse ${status}: ${describeErrors(body)}`,
    retryAfterMs: retryAfterMs(headers),
    exchange,
  };
}

export const warehouseAdapter: ProviderAdapter = {
  kind: 'warehouse',
  displayName: 'Warehouse (WMS)',
  eventTypes: ['shipment.updated'],
  searchPaths: ['$.data.fulfilment.tracking_number', '$.data.fulfilment.lines[*].sku'],
  capabilities: { idempotencyKeys: true, getByReference: true, listByWindow: true, bulk: false },
  credentials: warehouseCredentials,
  settings: targetConnectionSettings,
  // A lookup by a reference no fulfilment has: authenticated, and answers an empty list.
  testConnection: (ctx) =>
    probeConnection(
      `${trimBase(ctx.baseUrl)}/v1/fulfilments?reference=waybill-connection-test&limit=1`,
      { authorization: `Bearer ${ctx.credentials.apiToken ?? ''}` },
      ctx.timeoutMs,
      'The warehouse',
    ),
  webhook: warehouseWebhook,
  operations: {
    create_fulfilment: {
      input: createFulfilmentCommand,
      describeRequest: (ctx, command, opts) =>
        previewRequest(
          'POST',
          `${ctx.baseUrl}/v1/fulfilments`,
          {
            authorization: `Bearer ${CREDENTIAL_PLACEHOLDER}`,
            'idempotency-key': opts.idempotencyKey,
          },
          toRequest(command as CreateFulfilmentCommand),
          'An answer of duplicate reference is followed by a lookup by reference.',
        ),
      // Our token must never reach the ledger, even inside an error text.
      execute: async (ctx, command, opts) =>
        redactOutcome(
          await createFulfilment(ctx, command as CreateFulfilmentCommand, opts),
          ctx.credentials,
        ),
    },
  },
  recordReaders: warehouseRecordReaders,
};
