'use client';

import { useActionState, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { ActionMessage } from '@/components/ui/action-message';
import type { FlowMappings } from '@/lib/mapping/flow-mappings.presenter';
import { createVersion, type CreateAnswer } from '../actions';
import { CodeArea } from './code-area';
import { describeExpressionError } from './expression-error';

/** A new version, prefilled from the active one. Saving never changes an existing version. */
export function MappingEditor({
  flowId,
  draft,
  expression,
  onExpressionChange,
  canManage,
  basedOn,
}: {
  flowId: string;
  draft: FlowMappings['draft'];
  expression: string;
  onExpressionChange: (value: string) => void;
  canManage: boolean;
  basedOn: number | null;
}) {
  const [outputSchema, setOutputSchema] = useState(draft.outputSchema);
  const [statusTable, setStatusTable] = useState(draft.statusTable);
  const [fieldOwnership, setFieldOwnership] = useState(draft.fieldOwnership);
  const [note, setNote] = useState('');
  const [answer, submit, pending] = useActionState<CreateAnswer | null, FormData>(
    createVersion,
    null,
  );
  useEffect(() => {
    if (answer?.ok) {
      toast.success(answer.message);
      setNote('');
    }
  }, [answer]);
  const errors = answer && !answer.ok && 'draftErrors' in answer ? answer.draftErrors : {};
  const heading = canManage ? 'New version' : `Version ${basedOn ?? '—'} (active)`;

  return (
    <section aria-labelledby="editor-heading">
      <h2 id="editor-heading" className="mb-1 text-lg font-semibold">
        {heading}
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        {canManage
          ? `Starts from ${basedOn === null ? 'the newest version' : `version ${basedOn}`}. Saving stores a new numbered version; it is used only once you activate it.`
          : 'Read-only: only an admin changes mappings.'}
      </p>
      {/* autoComplete off: on a reload the browser would otherwise restore the fields' last values
          into the DOM under React's state, and the test run (state) and the save (the form's
          fields) would read different drafts */}
      <form action={submit} autoComplete="off" className="space-y-4">
        <input type="hidden" name="flowId" value={flowId} />
        <CodeArea
          id="mapping-expression"
          name="expression"
          label="Expression (JSONata)"
          help="Turns the inbound payload into the target operation's canonical command."
          value={expression}
          onChange={onExpressionChange}
          error={errors.expression ? describeExpressionError(errors.expression) : null}
          rows={16}
          readOnly={!canManage}
        />
        <div className="grid gap-4 lg:grid-cols-3">
          <CodeArea
            id="mapping-status-table"
            name="statusTable"
            label="Status table"
            help="Provider status → completed, needs_review or failed."
            value={statusTable}
            onChange={setStatusTable}
            error={errors.statusTable}
            readOnly={!canManage}
          />
          <CodeArea
            id="mapping-field-ownership"
            name="fieldOwnership"
            label="Field ownership"
            help="Canonical field → the connection that owns it."
            value={fieldOwnership}
            onChange={setFieldOwnership}
            error={errors.fieldOwnership}
            readOnly={!canManage}
          />
          <CodeArea
            id="mapping-output-schema"
            name="outputSchema"
            label="Output schema"
            help="JSON Schema of the output (documentation)."
            value={outputSchema}
            onChange={setOutputSchema}
            error={errors.outputSchema}
            readOnly={!canManage}
          />
        </div>
        {canManage && (
          <>
            <div>
              <label htmlFor="mapping-note" className="block text-sm font-medium">
                Note <span className="font-normal text-slate-600">(optional)</span>
              </label>
              <input
                id="mapping-note"
                name="note"
                value={note}
                maxLength={500}
                onChange={(e) => setNote(e.target.value)}
                aria-invalid={errors.note ? true : undefined}
                aria-describedby={errors.note ? 'mapping-note-error' : undefined}
                className="mt-1 w-full rounded border border-slate-300 px-3 py-1.5 text-sm"
                placeholder="What changed and why"
              />
              {errors.note && (
                <p id="mapping-note-error" role="alert" className="mt-1 text-sm text-red-800">
                  {errors.note}
                </p>
              )}
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <button
                type="submit"
                disabled={pending}
                className="rounded bg-blue-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
              >
                {pending ? 'Saving…' : 'Save as new version'}
              </button>
              <ActionMessage state={answer} />
            </div>
          </>
        )}
      </form>
    </section>
  );
}
