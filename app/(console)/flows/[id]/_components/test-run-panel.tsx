'use client';

import { useId, useState, useTransition } from 'react';
import type { FlowMappings } from '@/lib/mapping/flow-mappings.presenter';
import type { TestRunResult } from '@/lib/mapping/test-run-mapping';
import { testRun } from '../actions';
import { describeExpressionError } from './expression-error';
import { PayloadPicker } from './payload-picker';
import { ComparedWithActive, DroppedFields } from './test-run-warnings';
import { toForm } from './to-form';

/**
 * Runs the editor's draft (or a saved version) on a stored payload of this flow and shows each
 * step: input | canonical command | outbound request, with the fields the operation drops and the
 * differences from the active version's output. Nothing is sent.
 */
export function TestRunPanel({
  flowId,
  payloads,
  draft,
  versions,
  activeVersion,
  canRunLive = false,
}: {
  flowId: string;
  payloads: FlowMappings['testPayloads'];
  /** the editor's text; null for a reader, who runs saved versions */
  draft: string | null;
  versions: number[];
  activeVersion: number | null;
  /** the target offers a validate-only request and the user may edit mappings */
  canRunLive?: boolean;
}) {
  const versionId = useId();
  const [inboundEventId, setInboundEventId] = useState(payloads[0]?.id ?? '');
  const [version, setVersion] = useState<string>(
    draft === null ? String(activeVersion ?? versions[0] ?? '') : 'draft',
  );
  const [live, setLive] = useState(false);
  const [result, setResult] = useState<TestRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run() {
    startTransition(async () => {
      const answer = await testRun(
        toForm({
          flowId,
          inboundEventId,
          ...(version === 'draft' ? { expression: draft ?? '' } : { version }),
          ...(canRunLive && live && { live: 'on' }),
        }),
      );
      if (!answer.ok) {
        setError(answer.error);
        setResult(null);
        return;
      }
      setError(null);
      setResult(answer.result);
    });
  }

  return (
    <section aria-labelledby="test-run-heading">
      <h2 id="test-run-heading" className="mb-1 text-lg font-semibold">
        Test run
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Runs a mapping on a payload this flow received. Nothing is sent and nothing is saved.
      </p>
      {payloads.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
          This flow has not received any payload yet: a test run needs one.
        </p>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <PayloadPicker
            flowId={flowId}
            initial={payloads}
            value={inboundEventId}
            onChange={setInboundEventId}
          />
          <div>
            <label htmlFor={versionId} className="block text-sm font-medium">
              Mapping
            </label>
            <select
              id={versionId}
              value={version}
              onChange={(e) => setVersion(e.target.value)}
              className="mt-1 rounded border border-slate-300 px-2 py-1.5 text-sm"
            >
              {draft !== null && <option value="draft">Draft in the editor</option>}
              {versions.map((v) => (
                <option key={v} value={String(v)}>
                  Version {v}
                  {v === activeVersion ? ' (active)' : ''}
                </option>
              ))}
            </select>
          </div>
          {canRunLive && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
              Also ask the target to validate it (dry run: nothing is created)
            </label>
          )}
          <button
            type="button"
            onClick={run}
            disabled={pending || inboundEventId === ''}
            className="rounded bg-slate-800 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-60"
          >
            {pending ? 'Running…' : 'Run test'}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <div aria-live="polite">{result && <TestRunSteps result={result} />}</div>
    </section>
  );
}

function TestRunSteps({ result }: { result: TestRunResult }) {
  const output = result.output;
  return (
    <div className="mt-4" data-testid="test-run-result">
      <p className="mb-2 text-sm text-slate-700">Ran {result.ran}.</p>
      <DroppedFields result={result} />
      <div className="grid gap-3 lg:grid-cols-3">
        <Step title="Input">
          <Json value={result.input} label="Input payload" />
        </Step>
        <Step title="Canonical command">
          {!output.ok ? (
            <Failure text={`The expression failed. ${describeExpressionError(output.error)}`} />
          ) : result.canonical?.ok ? (
            <Json value={result.canonical.value} label="Canonical command" />
          ) : (
            <>
              <Failure text={result.canonical?.error ?? 'Not checked.'} />
              <Json value={output.value ?? null} label="Expression output" />
            </>
          )}
        </Step>
        <Step title="Outbound request">
          {result.outbound === null ? (
            <p className="text-sm text-slate-600">No request: the command is not valid.</p>
          ) : result.outbound.ok ? (
            <>
              <p className="font-mono text-xs break-all" data-testid="outbound-line">
                {result.outbound.value.method} {result.outbound.value.url}
              </p>
              <Json value={result.outbound.value.headers} label="Headers" />
              <Json value={result.outbound.value.body} label="Request body" />
              {result.outbound.value.note && (
                <p className="mt-1 text-xs text-slate-600">{result.outbound.value.note}</p>
              )}
            </>
          ) : (
            <Failure text={result.outbound.error} />
          )}
        </Step>
      </div>
      <ComparedWithActive comparison={result.comparison} />
      {result.live && <LiveStep live={result.live} />}
    </div>
  );
}

function Step({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="min-w-0 rounded border border-slate-200 bg-white p-3">
      <h3 className="mb-1 text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

function Failure({ text }: { text: string }) {
  return (
    <p role="alert" className="text-sm whitespace-pre-wrap text-red-800">
      {text}
    </p>
  );
}

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      role="group"
      aria-label={label}
      tabIndex={0}
      className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function LiveStep({ live }: { live: NonNullable<TestRunResult['live']> }) {
  return (
    <section
      aria-label="Target's answer"
      data-testid="live-answer"
      className="mt-3 rounded border border-slate-200 bg-white p-3"
    >
      <h3 className="mb-1 text-sm font-semibold">Target&apos;s answer (dry run)</h3>
      {!live.ok ? (
        <Failure text={live.error} />
      ) : live.value.ok ? (
        <p className="text-sm text-green-800">
          Accepted ({live.value.status ?? 'no status'}): state {live.value.providerStatus},
          reference {live.value.reference}. Nothing was created.
        </p>
      ) : (
        <Failure
          text={`Refused (${live.value.status ?? 'no answer'}, ${live.value.errorClass}): ${live.value.message}`}
        />
      )}
      {live.ok && <Json value={live.value.body} label="Answer body" />}
    </section>
  );
}
