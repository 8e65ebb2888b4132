// What a route declares: the permission it needs, the zod schemas it parses with and, for the
// public API, how the OpenAPI document describes it. Pure data, so the document builder and the
// tests read the same specs the route wrapper enforces (lib/http/api-catalog.ts).
import type { z } from 'zod';
import type { Permission } from '@/lib/base/permissions';

export interface ApiOperation {
  /** operationId: unique, camelCase */
  id: string;
  summary: string;
  /** groups operations in the document ("Transactions", "Replays", ...) */
  tag: string;
  description?: string;
  /** the success status when not 200 */
  status?: 201 | 202;
  /** another success status the operation answers with the same documented body (a preview
   *  that only counts answers 200 where the real thing answers 202) */
  alsoStatus?: { status: 200; description: string };
  /** the success body's media type when not JSON */
  produces?: 'text/csv';
}

export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  permission: Permission;
  params?: P;
  query?: Q;
  body?: B;
  /** required for every /api/v1 route (the catalog enforces it) */
  operation?: ApiOperation;
  /** the success body, when documented */
  response?: z.ZodType;
}
