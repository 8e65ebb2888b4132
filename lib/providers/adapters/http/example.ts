// What the console offers as a starting point for a generic HTTP connection's settings: a shipping
// service with OAuth 2.0 client credentials, an idempotency header, a dry-run header, read-back and
// hex-signed webhooks. Every field is explained in docs/generic-http.md.
export const HTTP_SETTINGS_EXAMPLE = {
  auth: { type: 'oauth2_client_credentials', tokenUrl: '/oauth/token', clientAuth: 'body' },
  headers: { accept: 'application/json' },
  test: { path: '/v2/shipment-orders?reference=waybill-connection-test' },
  operations: {
    create_shipment_order: {
      method: 'POST',
      path: '/v2/shipment-orders',
      idempotency: { type: 'header', header: 'Dock-Request-Id' },
      response: { reference: 'data.id', status: 'data.state' },
      alreadyApplied: "$header('dock-replayed') = 'true'",
      dryRun: { header: 'Dock-Dry-Run', value: 'true' },
      errors: [{ status: 409, class: 'duplicate' }],
    },
  },
  read: {
    record: {
      reference: 'id',
      businessKey: 'reference',
      status: 'state',
      updatedAt: 'updated_at',
      fields: '{ "reference": reference }',
    },
    get: { path: '/v2/shipment-orders/{ref}', select: 'data' },
    find: { path: '/v2/shipment-orders', query: { reference: '{businessKey}' }, select: 'data[0]' },
  },
  inbound: {
    signature: { scheme: 'hmac_hex', header: 'Dock-Signature' },
    eventId: 'event_id',
    topic: 'type',
    eventTypes: { 'shipment_order.delivered': 'shipment.delivered' },
    objectId: 'data.id',
    businessKey: 'data.reference',
    customerEmail: 'data.recipient.email',
  },
} as const;
