import { z } from 'zod';

/** Canonical create_fulfilment command: what a flow's mapping must produce. */
export const createFulfilmentCommand = z.object({
  reference: z.string().min(1),
  orderNumber: z.string().min(1),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
  shipTo: z.object({
    name: z.string(),
    address1: z.string(),
    city: z.string(),
    postalCode: z.string(),
    country: z.string(),
  }),
});
export type CreateFulfilmentCommand = z.infer<typeof createFulfilmentCommand>;

/**
 * The warehouse's fulfilment resource, as far as Waybill needs it to write; its other fields are
 * kept (loose) so the state comparison reads a found fulfilment without a second call.
 */
export const fulfilmentResource = z.looseObject({
  id: z.string(),
  reference: z.string(),
  status: z.string(),
  tracking_number: z.string().nullable().optional(),
});

export type FulfilmentResource = z.infer<typeof fulfilmentResource>;

export const warehouseCredentials = z.object({ apiToken: z.string().min(1) });
