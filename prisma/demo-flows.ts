// The demo tenant's flows and their first mapping versions (JSONata: source payload -> the target
// operation's canonical command), with each target's provider-status table and field ownership.
// Mappings speak canonical field names; provider request shapes live in the adapters.

export interface DemoFlowSpec {
  key: string;
  name: string;
  source: string;
  eventType: string;
  target: string;
  operation: string;
  dependsOn?: string;
  poll?: { feed: string };
  expression: string;
  statusTable: Record<string, string>;
  fieldOwnership: Record<string, string>;
}

const done = (...statuses: string[]) => Object.fromEntries(statuses.map((s) => [s, 'completed']));

export const ORDER_TO_FULFILMENT = `{
  "reference": "order-" & $string(id),
  "orderNumber": $string(order_number),
  "lines": [line_items.{ "sku": sku, "quantity": quantity }],
  "shipTo": {
    "name": shipping_address.name,
    "address1": shipping_address.address1,
    "city": shipping_address.city,
    "postalCode": shipping_address.zip,
    "country": shipping_address.country_code
  }
}`;

export const DEMO_FLOWS: DemoFlowSpec[] = [
  {
    key: 'orders-paid-to-warehouse',
    name: 'Paid orders → warehouse fulfilment',
    source: 'commerce',
    eventType: 'order.paid',
    target: 'warehouse',
    operation: 'create_fulfilment',
    expression: ORDER_TO_FULFILMENT,
    statusTable: {
      ...done('CREATED', 'QUEUED', 'PROCESSING', 'SENT', 'ACKNOWLEDGED', 'COMPLETE'),
      ERROR: 'needs_review',
    },
    fieldOwnership: { 'shipTo.*': 'commerce', lines: 'commerce', status: 'warehouse' },
  },
  {
    key: 'orders-paid-to-erp',
    name: 'Paid orders → ERP sales order',
    source: 'commerce',
    eventType: 'order.paid',
    target: 'erp',
    operation: 'create_sales_order',
    expression: `{
  "orderNumber": $string(order_number),
  "customer": { "email": email, "name": customer.full_name },
  "currency": currency,
  "total": total_price,
  "lines": [line_items.{ "sku": sku, "quantity": quantity, "unitPrice": price }]
}`,
    statusTable: done('OPEN', 'INVOICED', 'CLOSED'),
    fieldOwnership: { total: 'commerce', lines: 'commerce', status: 'erp' },
  },
  {
    key: 'orders-paid-to-crm',
    name: 'Paid orders → CRM customer',
    source: 'commerce',
    eventType: 'order.paid',
    target: 'crm',
    operation: 'upsert_customer',
    expression: `{
  "email": email,
  "givenName": customer.first_name,
  "familyName": customer.last_name,
  "fullName": customer.full_name,
  "externalRef": $string(order_number)
}`,
    statusTable: done('CREATED', 'UPDATED'),
    fieldOwnership: { email: 'commerce', givenName: 'crm', familyName: 'crm' },
  },
  {
    key: 'shipments-to-commerce',
    name: 'Warehouse shipments → storefront fulfilment',
    source: 'warehouse',
    eventType: 'shipment.updated',
    target: 'commerce',
    operation: 'update_fulfilment',
    expression: `(
  $f := data.fulfilment;
  {
    "orderId": $substringAfter($f.reference, "order-"),
    "reference": $f.id,
    "trackingNumber": $f.tracking_number ? $f.tracking_number,
    "trackingCompany": $f.carrier ? $f.carrier,
    "state": $lookup({ "SENT": "shipped", "ACKNOWLEDGED": "shipped", "COMPLETE": "shipped", "ERROR": "failed" }, $f.status) ? $lookup({ "SENT": "shipped", "ACKNOWLEDGED": "shipped", "COMPLETE": "shipped", "ERROR": "failed" }, $f.status) : "open"
  }
)`,
    statusTable: {
      ...done('pending', 'open', 'success', 'cancelled'),
      error: 'needs_review',
      failure: 'needs_review',
    },
    fieldOwnership: { trackingNumber: 'warehouse', state: 'warehouse' },
  },
  {
    key: 'payments-to-erp',
    name: 'Payments → ERP payment',
    source: 'payments',
    eventType: 'payment.succeeded',
    target: 'erp',
    operation: 'record_payment',
    dependsOn: 'orders-paid-to-erp',
    expression: `{
  "paymentReference": data.object.id,
  "orderNumber": data.object.metadata.order_number,
  "amount": data.object.amount / 100,
  "currency": data.object.currency
}`,
    statusTable: done('POSTED'),
    fieldOwnership: { amount: 'payments', status: 'erp' },
  },
  {
    key: 'refunds-to-erp',
    name: 'Refunds → ERP credit memo',
    source: 'commerce',
    eventType: 'refund.created',
    target: 'erp',
    operation: 'create_credit_memo',
    dependsOn: 'orders-paid-to-erp',
    expression: `{
  "refundReference": $string(id),
  "orderNumber": $string(order_number),
  "amount": amount,
  "currency": currency,
  "reason": "storefront refund"
}`,
    statusTable: done('ISSUED'),
    fieldOwnership: { amount: 'commerce', status: 'erp' },
  },
  {
    key: 'inventory-to-commerce',
    name: 'ERP inventory export → storefront stock',
    source: 'erp',
    eventType: 'inventory.exported',
    target: 'commerce',
    operation: 'set_inventory',
    poll: { feed: 'inventory_export' },
    expression: `{ "items": [items.{ "sku": sku, "available": on_hand }] }`,
    statusTable: done('UPDATED'),
    fieldOwnership: { available: 'erp' },
  },
];
