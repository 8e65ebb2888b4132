// The only module that knows which adapters exist. Everything else asks it by kind.
import { AppError } from '@/lib/errors';
import { commerceAdapter } from './adapters/commerce';
import { crmAdapter } from './adapters/crm';
import { erpAdapter } from './adapters/erp';
import { configuredHttpAdapter, HTTP_KIND, httpAdapter } from './adapters/http';
import { paymentsAdapter } from './adapters/payments';
import { warehouseAdapter } from './adapters/warehouse';
import type { ProviderAdapter } from './port';

const ADAPTERS: Record<string, ProviderAdapter> = Object.fromEntries(
  [commerceAdapter, paymentsAdapter, warehouseAdapter, erpAdapter, crmAdapter, httpAdapter].map(
    (a) => [a.kind, a],
  ),
);

export function getAdapter(kind: string): ProviderAdapter {
  const adapter = ADAPTERS[kind];
  if (!adapter) throw new AppError('NOT_FOUND', `no adapter for provider "${kind}"`);
  return adapter;
}

/** What the registry needs of a connection to give its adapter. */
export interface AdapterSource {
  provider: string;
  settings: unknown;
}

/**
 * The adapter of one connection. A coded kind is the same for every connection of that kind; the
 * generic HTTP kind ("http") is built from the connection's own settings (its requests, auth,
 * inbound and read-back are configuration, not code).
 */
export function adapterFor(connection: AdapterSource): ProviderAdapter {
  if (connection.provider === HTTP_KIND) return configuredHttpAdapter(connection.settings);
  return getAdapter(connection.provider);
}

export function listAdapters(): ProviderAdapter[] {
  return Object.values(ADAPTERS);
}
