// The only module that knows which adapters exist. Everything else asks it by kind.
import { AppError } from '@/lib/errors';
import { commerceAdapter } from './adapters/commerce';
import { crmAdapter } from './adapters/crm';
import { erpAdapter } from './adapters/erp';
import { paymentsAdapter } from './adapters/payments';
import { warehouseAdapter } from './adapters/warehouse';
import type { Operation, ProviderAdapter } from './port';

const ADAPTERS: Record<string, ProviderAdapter> = Object.fromEntries(
  [commerceAdapter, paymentsAdapter, warehouseAdapter, erpAdapter, crmAdapter].map((a) => [
    a.kind,
    a,
  ]),
);

export function getAdapter(kind: string): ProviderAdapter {
  const adapter = ADAPTERS[kind];
  if (!adapter) throw new AppError('NOT_FOUND', `no adapter for provider "${kind}"`);
  return adapter;
}

export function findOperation(kind: string, operation: string): Operation | undefined {
  return ADAPTERS[kind]?.operations[operation];
}

export function listAdapters(): ProviderAdapter[] {
  return Object.values(ADAPTERS);
}
