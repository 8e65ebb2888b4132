// Commerce outbound: tracking numbers back to the storefront and inventory levels in bulk. Both
// calls are idempotent at the storefront (fulfilments keyed by reference, levels set absolutely),
// so a possible earlier attempt needs no lookup: repeating the call is safe.
import type { ErrorClass } from '@/lib/db';
import type { Operation, OperationOutcome, ProviderContext } from '../../port';
import { callProvider, classifyHttpStatus, retryAfterMs, type HttpAttempt } from '../../http';
import { asText, failure, redactOutcome } from '../../outcome';
import { CREDENTIAL_PLACEHOLDER, previewRequest } from '../../request-preview';
import {
  API_VERSION,
  bulkSetAnswer,
  fulfillmentAnswer,
  setInventoryCommand,
  updateFulfilmentCommand,
  type SetInventoryCommand,
  type UpdateFulfilmentCommand,
} from './schemas';

/** Canonical fulfilment state -> the storefront's fulfilment status. */
const FULFILLMENT_STATUS = {
  open: 'open',
  shipped: 'success',
  cancelled: 'cancelled',
  failed: 'failure',
} as const satisfies Record<NonNullable<UpdateFulfilmentCommand['state']>, string>;

export function fulfilmentRequest(c: UpdateFulfilmentCommand) {
  return {
    fulfillment: {
      reference: c.reference,
      ...(c.trackingNumber !== undefined && { tracking_number: c.trackingNumber }),
      ...(c.trackingCompany !== undefined && { tracking_company: c.trackingCompany }),
      ...(c.trackingUrl !== undefined && { tracking_url: c.trackingUrl }),
      ...(c.state !== undefined && { status: FULFILLMENT_STATUS[c.state] }),
    },
  };
}

export function bulkSetRequest(c: SetInventoryCommand) {
  return { inventory_levels: c.items.map((i) => ({ sku: i.sku, available: i.available })) };
}

/** Shopify-style `{errors: "text" | {field: ["msg"]} | ["msg"]}` as one readable line. */
export function describeCommerceErrors(body: unknown): string {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (typeof errors === 'string') return errors;
  if (Array.isArray(errors)) return errors.map(asText).join('; ');
  if (errors && typeof errors === 'object')
    return Object.entries(errors)
      .map(
        ([field, msgs]) =>
          `${field}: ${Array.isArray(msgs) ? msgs.map(asText).join(', ') : asText(msgs)}`,
      )
      .join('; ');
  return 'rejected';
}

const adminUrl = (ctx: Pick<ProviderContext, 'baseUrl'>, path: string) =>
  `${ctx.baseUrl.replace(/\/+$/, '')}/admin/api/${API_VERSION}${path}`;

/** The dry run of post(): the same URL and body, the token as a placeholder. */
const previewPost = (ctx: Pick<ProviderContext, 'baseUrl'>, path: string, body: unknown) =>
  previewRequest(
    'POST',
    adminUrl(ctx, path),
    { 'x-shopify-access-token': CREDENTIAL_PLACEHOLDER },
    body,
  );

async function post(ctx: ProviderContext, path: string, body: unknown): Promise<HttpAttempt> {
  return callProvider('POST', adminUrl(ctx, path), {
    headers: { 'x-shopify-access-token': ctx.credentials.accessToken ?? '' },
    body,
    timeoutMs: ctx.timeoutMs,
  });
}

/** A non-2xx answer; `notFound` is what a 404 means on this route. */
function rejected(
  what: string,
  attempt: Extract<HttpAttempt, { ok: true }>,
  notFound: ErrorClass,
): OperationOutcome {
  const { status, body, headers, exchange } = attempt.result;
  const errorClass = status === 404 ? notFound : classifyHttpStatus(status);
  const message = `commerce ${what} answered ${status}: ${describeCommerceErrors(body)}`;
  return failure(errorClass, message, exchange, retryAfterMs(headers));
}

async function updateFulfilment(
  ctx: ProviderContext,
  c: UpdateFulfilmentCommand,
): Promise<OperationOutcome> {
  const attempt = await post(ctx, `/orders/${c.orderId}/fulfillments.json`, fulfilmentRequest(c));
  if (!attempt.ok) return failure(attempt.errorClass, attempt.message, attempt.exchange);
  const { status, body, exchange } = attempt.result;
  // The storefront answers 404 for an order it does not (yet) show; the retry budget bounds the
  // case where the mapping produced a wrong order id.
  if (status !== 200 && status !== 201)
    return rejected('fulfilment', attempt, 'missing_dependency');
  const parsed = fulfillmentAnswer.safeParse(body);
  if (!parsed.success)
    return failure(
      'contract_mismatch',
      `commerce answered ${status} without a fulfilment`,
      exchange,
    );
  return {
    kind: 'success',
    externalRef: String(parsed.data.fulfillment.id),
    providerStatus: parsed.data.fulfillment.status,
    // 200 = this reference existed and was updated (or already had these values): the storefront
    // does not tell an earlier attempt of ours apart from an older fulfilment, so claim nothing.
    alreadyApplied: false,
    exchange,
  };
}

async function setInventory(
  ctx: ProviderContext,
  c: SetInventoryCommand,
  idempotencyKey: string,
): Promise<OperationOutcome> {
  const attempt = await post(ctx, '/inventory_levels/bulk_set.json', bulkSetRequest(c));
  if (!attempt.ok) return failure(attempt.errorClass, attempt.message, attempt.exchange);
  const { status, body, exchange } = attempt.result;
  // bulk_set is a fixed route: a 404 means a wrong base URL or API version.
  if (status !== 200) return rejected('bulk inventory', attempt, 'contract_mismatch');
  const parsed = bulkSetAnswer.safeParse(body);
  if (!parsed.success)
    return failure('contract_mismatch', 'commerce answered 200 without an updated count', exchange);
  return {
    kind: 'success',
    // A bulk set creates no record at the storefront; our idempotency key is the only stable
    // name for what was applied.
    externalRef: idempotencyKey,
    // Fewer levels updated than sent (unknown SKUs): evidence for the status table, which sends
    // an unmapped status to review rather than calling it done.
    providerStatus: parsed.data.updated >= c.items.length ? 'UPDATED' : 'PARTIALLY_UPDATED',
    alreadyApplied: false,
    exchange,
  };
}

export const commerceOperations: Record<string, Operation> = {
  update_fulfilment: {
    input: updateFulfilmentCommand,
    describeRequest: (ctx, command) => {
      const c = command as UpdateFulfilmentCommand;
      return previewPost(ctx, `/orders/${c.orderId}/fulfillments.json`, fulfilmentRequest(c));
    },
    execute: async (ctx, command) =>
      redactOutcome(
        await updateFulfilment(ctx, command as UpdateFulfilmentCommand),
        ctx.credentials,
      ),
  },
  set_inventory: {
    input: setInventoryCommand,
    describeRequest: (ctx, command) =>
      previewPost(
        ctx,
        '/inventory_levels/bulk_set.json',
        bulkSetRequest(command as SetInventoryCommand),
      ),
    execute: async (ctx, command, opts) =>
      redactOutcome(
        await setInventory(ctx, command as SetInventoryCommand, opts.idempotencyKey),
        ctx.credentials,
      ),
  },
};
