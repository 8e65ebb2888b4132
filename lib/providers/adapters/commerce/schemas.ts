// Outbound commerce shapes: canonical commands (what mappings produce) and the storefront's answers
// as far as Waybill reads them. The webhook side keeps its shapes in index.ts.
import { z } from 'zod';

/** The storefront's Admin API version; paths carry it, as in Shopify. */
export const API_VERSION = '2025-01';
/** bulk_set accepts at most this many levels per call. */
export const BULK_SET_LIMIT = 250;

export const commerceCredentials = z.object({ accessToken: z.string().min(1) });

/**
 * Canonical update_fulfilment command. orderId is the storefront's order id (not the order
 * number): the Admin API addresses orders by id. reference is the warehouse fulfilment id; the
 * storefront keys fulfilments by it, so a repeat updates instead of adding a second fulfilment.
 * state is canonical; the storefront's own fulfilment statuses stay in operations.ts.
 */
export const updateFulfilmentCommand = z
  .object({
    orderId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String),
    reference: z.string().min(1),
    trackingNumber: z.string().trim().min(1).optional(),
    trackingCompany: z.string().min(1).nullable().optional(),
    trackingUrl: z.url().nullable().optional(),
    state: z.enum(['open', 'shipped', 'cancelled', 'failed']).optional(),
  })
  .refine((c) => c.trackingNumber !== undefined || c.state !== undefined, {
    message: 'needs a trackingNumber or a state: otherwise there is nothing to update',
    path: ['trackingNumber'],
  });
export type UpdateFulfilmentCommand = z.infer<typeof updateFulfilmentCommand>;

/**
 * Canonical set_inventory command: absolute levels, at most one bulk call's worth. Larger sets are
 * cut upstream (the ERP inventory export arrives in objects of 250), so one command is one call
 * with one outcome: splitting here would turn a 429 on the second call into a half-applied command.
 */
export const setInventoryCommand = z.object({
  items: z
    .array(z.object({ sku: z.string().min(1), available: z.number().int() }))
    .min(1)
    .max(BULK_SET_LIMIT),
});
export type SetInventoryCommand = z.infer<typeof setInventoryCommand>;

export const fulfillmentAnswer = z.object({
  fulfillment: z.object({ id: z.union([z.number(), z.string()]), status: z.string().min(1) }),
});

export const bulkSetAnswer = z.object({ updated: z.number().int().nonnegative() });
