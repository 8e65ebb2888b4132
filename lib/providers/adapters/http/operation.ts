// One configured operation of a generic HTTP connection as the port's Operation: the request built
// from the flow's mapped command (path and query templates, an optional body expression), the
// idempotency the target supports (a header carrying Waybill's key, or a look-up before a create
// that may repeat), the reference and state read from the answer, failures classified by the
// connection's rules. Configuration that fails to evaluate (a placeholder the command lacks) is a
// `mapping` failure with its reason, sent nowhere.
import { z } from 'zod';
import type { ResponseHeaders } from '../../http';
import { failure, redactOutcome } from '../../outcome';
import type {
  Operation,
  OperationOutcome,
  OutboundRequestPreview,
  ProviderContext,
  ProviderExchange,
} from '../../port';
import { CREDENTIAL_PLACEHOLDER, previewRequest } from '../../request-preview';
import { classifyFailure } from './classify';
import {
  buildUrl,
  ConfigEvaluationError,
  evaluate,
  evaluateText,
  fillHeaders,
} from './expressions';
import { sendAuthenticated, type OutboundRequest } from './request';
import type { HttpSettings, OperationSettings } from './settings';

/** The generic kind's command: whatever object the flow's mapping produces. */
export const genericCommand = z.record(z.string(), z.unknown());
type Command = z.infer<typeof genericCommand>;

const NOTHING_SENT = (url: string): ProviderExchange => ({
  method: 'GET',
  url,
  status: null,
  durationMs: 0,
  responseBody: null,
});

function answerBindings(status: number, headers: ResponseHeaders) {
  return { status, header: (name: string) => headers.get(name) ?? undefined };
}

async function buildRequest(
  baseUrl: string,
  op: OperationSettings,
  command: Command,
  idempotencyKey: string,
  extraHeaders: Record<string, string> = {},
): Promise<OutboundRequest> {
  const body =
    op.method === 'GET' || op.method === 'DELETE'
      ? undefined
      : op.body === undefined
        ? command
        : await evaluate(op.body, command, {}, 'body expression');
  const headers = fillHeaders(op.headers, command);
  if (op.idempotency.type === 'header')
    headers[op.idempotency.header.toLowerCase()] = idempotencyKey;
  return {
    method: op.method,
    url: buildUrl(baseUrl, op.path, op.query, command),
    headers: { ...headers, ...extraHeaders },
    body,
  };
}

/** A 2xx answer in the product's words, or the failure it is when the reference is missing. */
async function readSuccess(
  op: OperationSettings,
  result: { status: number; body: unknown; headers: ResponseHeaders; exchange: ProviderExchange },
  dryRun: boolean,
): Promise<OperationOutcome> {
  const bindings = answerBindings(result.status, result.headers);
  const read = await evaluateText(op.response.reference, result.body, bindings, 'reference');
  // A validate-only answer names no record: nothing was created.
  const ref = read ?? (dryRun ? '(dry run: nothing created)' : null);
  if (ref === null)
    return failure(
      'contract_mismatch',
      `the answer has no reference at \`${op.response.reference}\``,
      result.exchange,
    );
  const providerStatus = await evaluateText(op.response.status, result.body, bindings, 'status');
  if (providerStatus === null)
    return failure(
      'contract_mismatch',
      `the answer has no status at \`${op.response.status}\``,
      result.exchange,
    );
  const replayed =
    op.alreadyApplied !== undefined &&
    Boolean(await evaluate(op.alreadyApplied, result.body, bindings, 'already applied'));
  return {
    kind: 'success',
    externalRef: ref,
    providerStatus,
    alreadyApplied: replayed,
    exchange: result.exchange,
  };
}

type Lookup =
  | { kind: 'found'; outcome: OperationOutcome }
  | { kind: 'absent' }
  | { kind: 'failed'; outcome: OperationOutcome };

/** The look-up of a target without keys: is the record an earlier attempt created already there? */
async function lookUp(
  ctx: ProviderContext,
  settings: HttpSettings,
  idem: Extract<OperationSettings['idempotency'], { type: 'lookup' }>,
  command: Command,
): Promise<Lookup> {
  const url = buildUrl(ctx.baseUrl, idem.path, idem.query, command);
  const attempt = await sendAuthenticated(ctx, settings, { method: 'GET', url, headers: {} });
  if (!attempt.ok)
    return {
      kind: 'failed',
      outcome: failure(attempt.errorClass, `look-up: ${attempt.message}`, attempt.exchange),
    };
  const { status, body, headers, exchange } = attempt.result;
  if (status === 404) return { kind: 'absent' };
  if (status < 200 || status >= 300) {
    const c = await classifyFailure([], status, body, headers, 'the look-up');
    return { kind: 'failed', outcome: failure(c.errorClass, c.message, exchange, c.retryAfterMs) };
  }
  const bindings = answerBindings(status, headers);
  const ref = await evaluateText(idem.reference, body, bindings, 'look-up reference');
  if (ref === null) return { kind: 'absent' };
  const providerStatus = (await evaluateText(idem.status, body, bindings, 'look-up status')) ?? '';
  return {
    kind: 'found',
    outcome: { kind: 'success', externalRef: ref, providerStatus, alreadyApplied: true, exchange },
  };
}

async function execute(
  ctx: ProviderContext,
  settings: HttpSettings,
  op: OperationSettings,
  command: Command,
  opts: { idempotencyKey: string; mayHaveBeenSent: boolean; dryRun?: boolean },
): Promise<OperationOutcome> {
  const idem = op.idempotency;
  if (idem.type === 'lookup' && opts.mayHaveBeenSent && !opts.dryRun) {
    const found = await lookUp(ctx, settings, idem, command);
    if (found.kind !== 'absent') return found.outcome;
  }
  const extra =
    opts.dryRun && op.dryRun ? { [op.dryRun.header.toLowerCase()]: op.dryRun.value } : {};
  const request = await buildRequest(ctx.baseUrl, op, command, opts.idempotencyKey, extra);
  const attempt = await sendAuthenticated(ctx, settings, request);
  if (!attempt.ok) return failure(attempt.errorClass, attempt.message, attempt.exchange);
  const { status, body, headers, exchange } = attempt.result;
  if (status >= 200 && status < 300) return readSuccess(op, attempt.result, opts.dryRun === true);
  const c = await classifyFailure(
    op.errors,
    status,
    body,
    headers,
    `${op.method} ${new URL(request.url).pathname}`,
  );
  // A create refused as a duplicate by a target without keys: the record is there, adopt it.
  if (c.errorClass === 'duplicate' && idem.type === 'lookup' && !opts.dryRun) {
    const found = await lookUp(ctx, settings, idem, command);
    if (found.kind === 'found') return found.outcome;
  }
  return failure(c.errorClass, c.message, exchange, c.retryAfterMs);
}

async function guarded(
  ctx: ProviderContext,
  run: () => Promise<OperationOutcome>,
): Promise<OperationOutcome> {
  try {
    return redactOutcome(await run(), ctx.credentials);
  } catch (error) {
    if (error instanceof ConfigEvaluationError)
      return failure('mapping', error.message, NOTHING_SENT(ctx.baseUrl));
    throw error;
  }
}

export function configuredOperation(
  settings: HttpSettings,
  op: OperationSettings,
): Operation<Command> & {
  dryRun?: (
    ctx: ProviderContext,
    command: Command,
    opts: { idempotencyKey: string },
  ) => Promise<OperationOutcome>;
} {
  return {
    input: genericCommand,
    async describeRequest(ctx, command, opts): Promise<OutboundRequestPreview> {
      const request = await buildRequest(ctx.baseUrl, op, command, opts.idempotencyKey);
      const auth = settings.auth;
      const authHeader: Record<string, string> =
        auth.type === 'none'
          ? {}
          : auth.type === 'api_key'
            ? { [auth.header.toLowerCase()]: CREDENTIAL_PLACEHOLDER }
            : { authorization: CREDENTIAL_PLACEHOLDER };
      return previewRequest(
        request.method,
        request.url,
        { ...settings.headers, ...request.headers, ...authHeader },
        request.body,
        op.idempotency.type === 'lookup'
          ? 'a retry first looks the record up and adopts it when it is already there'
          : undefined,
      );
    },
    execute: (ctx, command, opts) => guarded(ctx, () => execute(ctx, settings, op, command, opts)),
    ...(op.dryRun && {
      dryRun: (ctx: ProviderContext, command: Command, opts: { idempotencyKey: string }) =>
        guarded(ctx, () =>
          execute(ctx, settings, op, command, { ...opts, mayHaveBeenSent: false, dryRun: true }),
        ),
    }),
  };
}
