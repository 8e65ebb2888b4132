// The ERP's failure statuses -> error classes. Refines the generic table in ../../http where the
// ERP says more than its status code.
import type { ErrorClass } from '@/lib/db';
import { classifyHttpStatus, retryAfterMs, type HttpResult } from '../../http';
import { describeFieldErrors } from '../../outcome';

export interface ErpFailure {
  errorClass: ErrorClass;
  message: string;
  retryAfterMs?: number;
}

export function classifyErpStatus(status: number, body: unknown): ErrorClass {
  const code = (body as { error?: unknown } | null)?.error;
  // The ERP checks references synchronously: a payment or credit memo for a sales order it does
  // not have yet. The order usually arrives a moment later through its own flow, so retry.
  if (status === 422 && code === 'unknown_reference') return 'missing_dependency';
  if (status === 422) return 'validation';
  // Every ERP route we call is a collection: a 404 means a wrong base URL or API version, not a
  // missing record, and retrying will not fix it (the generic table says missing_dependency).
  if (status === 404) return 'contract_mismatch';
  return classifyHttpStatus(status);
}

export function erpFailure(what: string, result: HttpResult): ErpFailure {
  const { status, body, headers } = result;
  const errorClass = classifyErpStatus(status, body);
  // Retry-After also comes with a 503 during maintenance windows: pass it on whatever the class.
  const wait = retryAfterMs(headers);
  return {
    errorClass,
    message: `ERP ${what} answered ${status}: ${describeFieldErrors(body)}`,
    ...(wait !== undefined && { retryAfterMs: wait }),
  };
}
