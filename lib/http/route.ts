// The one wrapper every /api/v1 route goes through: it authenticates (API token or session, with
// the same-origin check for cookie mutations), checks the permission, parses params, query and
// body with the spec's zod schemas, and maps errors. Handlers receive typed input, the caller's
// actor and the request id, and only call one use case or presenter.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/session';
import { operatorOf, type Actor } from '@/lib/base/actor';
import type { AuditContext } from '@/lib/ledger/operator-audit';
import type { Operator } from '@/lib/ledger/operator';
import { apiResponseCheck, authEnv } from '@/lib/env';
import { AppError, isAppError } from '@/lib/errors';
import { serverContext, type ServerContext } from '@/lib/server/context';
import { REQUEST_ID_HEADER, requestIdOf } from '@/lib/base/request-id';
import { canonicalIds } from './canonical-ids';
import { authenticateRequest, authorize } from './route-auth';
import type { RouteSpec } from '@/lib/base/route-spec';

type RouteContext = { params?: Promise<Record<string, string | string[]>> } | undefined;

export interface RouteInput<P, Q, B> {
  actor: Actor;
  ctx: ServerContext;
  params: P;
  query: Q;
  /** the parsed JSON body when the route declares one */
  body: B;
  request: Request;
  /** x-request-id (kept from the proxy or made here) */
  requestId: string;
  /** who did it, as timelines and audit entries record it: pass as a use case's `actor` */
  operator: Operator;
  /** { requestId }: pass as a use case's `audit` */
  audit: AuditContext;
}

const MAX_BODY_BYTES = 64 * 1024;

export function defineRoute<
  P extends z.ZodType = z.ZodObject,
  Q extends z.ZodType = z.ZodObject,
  B extends z.ZodType = z.ZodUndefined,
>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const ctx = serverContext();
    const requestId = requestIdOf(request.headers) ?? randomUUID();
    let response: Response;
    try {
      const actor = await authenticateRequest(request, {
        db: ctx.db,
        session: currentActor,
        origin: { appUrl: appUrl() },
        onTouchFailed: (err) => ctx.log.warn({ err, requestId }, 'api token last-used not saved'),
      });
      authorize(actor, spec.permission);
      // Routes without dynamic segments get no params at all (undefined), not an empty object.
      const params: unknown = canonicalIds(
        spec.params,
        (spec.params ?? z.object({})).parse((await context?.params) ?? {}),
      );
      const url = new URL(request.url);
      const query: unknown = (spec.query ?? z.object({})).parse(queryObject(url.searchParams));
      const body: unknown = spec.body ? spec.body.parse(await readJsonBody(request)) : undefined;
      const result = await handler({
        actor,
        ctx,
        params: params as z.infer<P>,
        query: query as z.infer<Q>,
        body: body as z.infer<B>,
        request,
        requestId,
        operator: operatorOf(actor),
        audit: { requestId },
      });
      response = result instanceof Response ? result : Response.json(result, NO_STORE);
      if (spec.response && apiResponseCheck())
        response = await checkedAgainst(spec.response, response, ctx);
    } catch (error) {
      response = errorResponse(error, ctx);
    }
    return withRequestId(response, requestId);
  };
}

/**
 * The answer as the document promises it (API_RESPONSE_CHECK, set by the test stacks): a success
 * whose JSON does not parse with the documented schema becomes a 500 that names the mismatch, so
 * every test that calls the API also tests the contract a generated client relies on.
 */
async function checkedAgainst(
  schema: z.ZodType,
  response: Response,
  ctx: Pick<ServerContext, 'log'>,
): Promise<Response> {
  const json = response.headers.get('content-type')?.includes('application/json');
  if (!response.ok || !json) return response;
  const parsed = schema.safeParse(await response.clone().json());
  if (parsed.success) return response;
  const issues = parsed.error.issues
    .slice(0, 10)
    .map((i) => ({ path: i.path, message: i.message }));
  ctx.log.error({ issues }, 'API answer does not match its documented schema');
  return Response.json(
    {
      error: 'RESPONSE_SCHEMA_MISMATCH',
      message: 'the answer does not match the response schema of the OpenAPI document',
      issues,
    },
    { status: 500, ...NO_STORE },
  );
}

let configuredUrl: { value: string | undefined } | undefined;
/** NEXTAUTH_URL, read once per process. */
function appUrl(): string | undefined {
  return (configuredUrl ??= { value: authEnv().NEXTAUTH_URL }).value;
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
  } catch {
    // immutable headers (a fetched or redirect response): answer it as it is
  }
  return response;
}

/** JSON bodies are small commands; anything larger or unparsable is refused before any work. */
async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `request bodies are limited to ${MAX_BODY_BYTES} bytes`,
    );
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('INVALID_JSON', 'the request body is not valid JSON');
  }
}

const NO_STORE = { headers: { 'cache-control': 'no-store' } };

/** Repeated keys become arrays (status=failed&status=needs_review); single keys stay strings. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return out;
}

export function errorResponse(error: unknown, ctx: Pick<ServerContext, 'log'>): Response {
  if (error instanceof z.ZodError) {
    return Response.json(
      { error: 'VALIDATION_FAILED', message: 'invalid request', issues: z.flattenError(error) },
      { status: 422, ...NO_STORE },
    );
  }
  if (isAppError(error)) {
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    // RFC 9110: a 401 names the scheme that would work.
    if (error.status === 401) headers['www-authenticate'] = 'Bearer realm="waybill"';
    return Response.json(
      { error: error.code, message: error.message },
      { status: error.status, headers },
    );
  }
  const reference = randomUUID();
  ctx.log.error({ err: error, reference }, 'route failed');
  return Response.json(
    { error: 'INTERNAL', message: `something went wrong (reference ${reference})` },
    { status: 500, ...NO_STORE },
  );
}
