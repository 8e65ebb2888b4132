// A mapping test run: a stored inbound payload of the flow's source, an expression (a draft from
// the editor, a saved version, or the active one), and what each step makes of it: the expression's
// output, the canonical command the target operation accepts (or why not), and the request the
// adapter would send. Nothing is written. Only where the target honours a validate-only marker (a
// generic connection's dry-run header) may the admin ask for a live run: the request then goes to
// the target with that marker, and its answer is shown; the target writes nothing either.
// Two warnings ride along (test-run-compare.ts): the fields the operation's schema drops, and what
// the run changes compared with the active version on the same payload.
import { tenantDb, type Db, type TenantDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { maskPersonalData } from '@/lib/ledger/mask';
import type { KeyRing } from '@/lib/crypto/key-ring';
import { own } from '@/lib/base/own';
import { readCredentials } from '@/lib/providers/credentials';
import type { OperationOutcome, OutboundRequestPreview } from '@/lib/providers/port';
import { adapterFor } from '@/lib/providers/registry';
import { describeIssues } from './evaluate';
import { runExpression, type ExpressionError, type ExpressionRun } from './expression';
import { diffOutputs, droppedFields, type FieldChange, type FieldPath } from './test-run-compare';

export interface TestRunInput {
  flowId: string;
  inboundEventId: string;
  /** the editor's draft; without it, `version` (or the active version) is run */
  expression?: string;
  version?: number;
  /** for a role without personal_data.read: every step shown masked */
  maskPersonalData?: boolean;
  /** send the request to the target with its validate-only marker (the operation must offer one) */
  live?: boolean;
}

/** What a live run needs: the vault, and the provider time budget. */
export interface LiveRunDeps {
  keyRing: KeyRing;
  timeoutMs: number;
}

/** The target's answer to a validate-only request, in the words the engine would use. */
export type LiveAnswer =
  | { ok: true; status: number | null; reference: string; providerStatus: string; body: unknown }
  | { ok: false; status: number | null; errorClass: string; message: string; body: unknown };

export type TestRunStep<T> = { ok: true; value: T } | { ok: false; error: string };

export interface TestRunResult {
  inboundEventId: string;
  /** what was run: "draft" or "version 3" */
  ran: string;
  input: unknown;
  /** what the expression produced, or where it failed */
  output: { ok: true; value: unknown } | { ok: false; error: ExpressionError };
  /** the output checked against the target operation's command schema */
  canonical: TestRunStep<unknown> | null;
  outbound: TestRunStep<OutboundRequestPreview> | null;
  /** only when a live run was asked for */
  live?: TestRunStep<LiveAnswer> | null;
  /** fields of the output the command schema stripped: they never reach the target */
  dropped: FieldPath[];
  /** the output against the active version's on the same payload; null when this run is the
   *  active version, or there is none */
  comparison: TestRunComparison | null;
}

export type TestRunComparison =
  | { against: number; ok: true; changes: FieldChange[] }
  | { against: number; ok: false; error: string };

/** Shown instead of a real idempotency key: the preview never reaches the provider. */
export const TEST_RUN_IDEMPOTENCY_KEY = 'test-run-not-sent';

export async function testRunMapping(
  db: Db,
  tenantId: string,
  input: TestRunInput,
  deps?: LiveRunDeps,
): Promise<TestRunResult> {
  const scoped = tenantDb(db, tenantId);
  const flow = await scoped.flow.findFirst({
    where: { id: input.flowId },
    select: {
      id: true,
      sourceConnectionId: true,
      operation: true,
      targetConnection: {
        select: {
          provider: true,
          settings: true,
          baseUrl: true,
          name: true,
          credentialsEncrypted: true,
        },
      },
      activeMappingVersion: { select: { version: true, expression: true } },
    },
  });
  if (!flow) throw new AppError('NOT_FOUND', 'flow not found');
  // Only payloads this flow's source delivered: another connection's events are not its input.
  const event = await scoped.inboundEvent.findFirst({
    where: { id: input.inboundEventId, connectionId: flow.sourceConnectionId },
    select: { id: true, body: true },
  });
  if (!event) throw new AppError('NOT_FOUND', 'stored payload not found');
  let payload: unknown;
  try {
    payload = JSON.parse(event.body) as unknown;
  } catch {
    throw new AppError('VALIDATION_FAILED', 'this stored payload is not JSON; pick another one');
  }

  const { expression, ran } = await chooseExpression(scoped, flow, input);
  const result = await runSteps(flow, event.id, ran, expression, payload);
  if (input.live) result.live = await runLive(flow, result, deps);
  const active = flow.activeMappingVersion;
  const activeRun =
    active && ran !== `version ${active.version}`
      ? await runExpression(active.expression, payload)
      : null;
  // A plain JSON DTO: JSONata builds its sequences as arrays with extra properties and adapters'
  // previews may hold class instances, neither of which a screen or an API can carry as they are.
  const shown = plain(input.maskPersonalData ? masked(result) : result) as TestRunResult;
  if (active && activeRun)
    shown.comparison = compareWithActive(active.version, activeRun, shown, input.maskPersonalData);
  return shown;
}

const plain = (value: unknown): unknown =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);

/** Both outputs masked alike before they are compared, so a diff never shows what a step hides. */
function compareWithActive(
  against: number,
  activeRun: ExpressionRun,
  shown: TestRunResult,
  mask: boolean | undefined,
): TestRunComparison | null {
  if (!shown.output.ok) return null;
  if (!activeRun.ok)
    return {
      against,
      ok: false,
      error: `version ${against} (active) fails on this payload: ${activeRun.error.message}`,
    };
  const before = plain(mask ? maskPersonalData(activeRun.output) : activeRun.output);
  return { against, ok: true, changes: diffOutputs(before, shown.output.value) };
}

function masked(r: TestRunResult): TestRunResult {
  const step = <T>(s: TestRunStep<T> | null): TestRunStep<T> | null =>
    s?.ok ? { ok: true, value: maskPersonalData(s.value) as T } : s;
  return {
    ...r,
    input: maskPersonalData(r.input),
    output: r.output.ok ? { ok: true, value: maskPersonalData(r.output.value) } : r.output,
    canonical: step(r.canonical),
    outbound: step(r.outbound),
    ...(r.live !== undefined && { live: step(r.live) }),
  };
}

async function runSteps(
  flow: {
    operation: string;
    targetConnection: { provider: string; settings: unknown; baseUrl: string; name: string };
  },
  inboundEventId: string,
  ran: string,
  expression: string,
  payload: unknown,
): Promise<TestRunResult> {
  const run = await runExpression(expression, payload);
  const result: TestRunResult = {
    inboundEventId,
    ran,
    input: payload,
    output: run.ok ? { ok: true, value: run.output } : run,
    canonical: null,
    outbound: null,
    dropped: [],
    comparison: null,
  };
  if (!run.ok) return result;

  const operation = own(adapterFor(flow.targetConnection).operations, flow.operation);
  if (!operation) {
    result.canonical = {
      ok: false,
      error: `${flow.targetConnection.name} has no operation ${flow.operation}`,
    };
    return result;
  }
  const parsed = operation.input.safeParse(run.output);
  if (!parsed.success) {
    result.canonical = {
      ok: false,
      error: `The output does not match ${flow.operation}: ${describeIssues(parsed.error, 10).join('; ')}`,
    };
    return result;
  }
  result.canonical = { ok: true, value: parsed.data };
  result.dropped = droppedFields(plain(run.output), parsed.data);
  result.outbound = operation.describeRequest
    ? {
        ok: true,
        value: await operation.describeRequest(
          { baseUrl: flow.targetConnection.baseUrl },
          parsed.data,
          {
            idempotencyKey: TEST_RUN_IDEMPOTENCY_KEY,
          },
        ),
      }
    : {
        ok: false,
        error: `${flow.targetConnection.name} cannot describe ${flow.operation} without sending it`,
      };
  return result;
}

async function chooseExpression(
  scoped: TenantDb,
  flow: { id: string; activeMappingVersion: { version: number; expression: string } | null },
  input: TestRunInput,
): Promise<{ expression: string; ran: string }> {
  if (input.expression !== undefined) return { expression: input.expression, ran: 'draft' };
  if (input.version !== undefined) {
    const saved = await scoped.mappingVersion.findFirst({
      where: { flowId: flow.id, version: input.version },
      select: { version: true, expression: true },
    });
    if (!saved) throw new AppError('NOT_FOUND', `version ${input.version} of this flow not found`);
    return { expression: saved.expression, ran: `version ${saved.version}` };
  }
  if (!flow.activeMappingVersion)
    throw new AppError('CONFLICT', 'this flow has no active version; run a draft instead');
  return {
    expression: flow.activeMappingVersion.expression,
    ran: `version ${flow.activeMappingVersion.version}`,
  };
}

function liveAnswer(outcome: OperationOutcome): LiveAnswer {
  const { status, responseBody: body } = outcome.exchange;
  return outcome.kind === 'success'
    ? {
        ok: true,
        status,
        reference: outcome.externalRef,
        providerStatus: outcome.providerStatus,
        body,
      }
    : { ok: false, status, errorClass: outcome.errorClass, message: outcome.message, body };
}

/** The validate-only request, when the operation offers one and the command is valid. */
async function runLive(
  flow: {
    operation: string;
    targetConnection: {
      provider: string;
      settings: unknown;
      baseUrl: string;
      name: string;
      credentialsEncrypted: string | null;
    };
  },
  result: TestRunResult,
  deps: LiveRunDeps | undefined,
): Promise<TestRunStep<LiveAnswer> | null> {
  if (!result.canonical?.ok) return null;
  const target = flow.targetConnection;
  const operation = own(adapterFor(target).operations, flow.operation);
  if (!operation?.dryRun || !deps)
    return {
      ok: false,
      error: `${target.name} offers no validate-only request for ${flow.operation}: nothing was sent`,
    };
  const credentials = readCredentials(target.provider, target.credentialsEncrypted, deps.keyRing);
  if (!credentials)
    return { ok: false, error: `${target.name} has no readable credentials: nothing was sent` };
  const outcome = await operation.dryRun(
    { baseUrl: target.baseUrl, credentials, timeoutMs: deps.timeoutMs },
    result.canonical.value,
    { idempotencyKey: TEST_RUN_IDEMPOTENCY_KEY },
  );
  return { ok: true, value: liveAnswer(outcome) };
}
