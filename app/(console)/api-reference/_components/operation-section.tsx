import { JsonView } from '@/components/ui/json-view';
import type { BodyView, OperationView, ResponseView } from '@/lib/http/api-reference.presenter';
import { Prose } from './prose';
import { Constraints, SchemaTable, TABLE_CLASS, schemaAnchor } from './schema-table';

const METHOD_CLASS: Record<string, string> = {
  GET: 'bg-blue-100 text-blue-900',
  POST: 'bg-green-100 text-green-900',
  PUT: 'bg-amber-100 text-amber-900',
  PATCH: 'bg-amber-100 text-amber-900',
  DELETE: 'bg-red-100 text-red-900',
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-block w-16 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold ${METHOD_CLASS[method] ?? 'bg-slate-100 text-slate-900'}`}
    >
      {method}
    </span>
  );
}

/**
 * One operation: what it does and who may call it always shown; parameters, body and answers in
 * a native disclosure (no client code) so sixty-odd operations stay scannable.
 */
export function OperationSection({ op }: { op: OperationView }) {
  const titleId = `${op.id}-title`;
  return (
    <article
      id={op.id}
      aria-labelledby={titleId}
      className="scroll-mt-20 rounded border border-slate-200 bg-white p-4"
    >
      <h3 id={titleId} className="flex flex-wrap items-center gap-2 font-semibold">
        <MethodBadge method={op.method} />
        <code className="text-sm text-slate-900">{op.path}</code>
      </h3>
      {op.summary && <p className="mt-2 text-sm text-slate-900">{op.summary}</p>}
      {op.description.map((p, i) => (
        <Prose key={i} text={p} className="mt-1 max-w-3xl text-sm text-slate-700" />
      ))}
      {op.scope && (
        <p className="mt-2 text-sm text-slate-700">
          Scope <code className="rounded bg-slate-100 px-1 text-slate-900">{op.scope}</code>
          {op.roles.length > 0 && <> · signed-in roles: {op.roles.join(', ')}</>}
          <span className="text-slate-600"> · operation id </span>
          <code className="text-slate-700">{op.id}</code>
        </p>
      )}
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-blue-800">
          Parameters, request and responses
          <span className="sr-only"> of {`${op.method} ${op.path}`}</span>
        </summary>
        <div className="mt-3 space-y-4">
          <Parameters op={op} />
          {op.requestBody && (
            <div>
              <h4 className="mb-1 text-sm font-semibold">
                Request body{' '}
                <span className="font-normal text-slate-600">
                  ({op.requestBody.contentType}
                  {op.requestBody.required ? ', required' : ''})
                </span>
              </h4>
              <Body body={op.requestBody} caption={`Request body of ${op.method} ${op.path}`} />
            </div>
          )}
          <div>
            <h4 className="mb-1 text-sm font-semibold">Responses</h4>
            <ul className="space-y-3">
              {op.responses.map((r) => (
                <Response key={r.status} response={r} op={op} />
              ))}
            </ul>
          </div>
        </div>
      </details>
    </article>
  );
}

function Parameters({ op }: { op: OperationView }) {
  if (op.parameters.length === 0) return null;
  return (
    <div>
      <h4 className="mb-1 text-sm font-semibold">Parameters</h4>
      <table className={TABLE_CLASS}>
        <caption className="sr-only">{`Parameters of ${op.method} ${op.path}`}</caption>
        <colgroup>
          <col className="w-[28%]" />
          <col className="w-[12%]" />
          <col className="w-[20%]" />
          <col />
        </colgroup>
        <thead>
          <tr>
            {['Name', 'In', 'Type', 'Description'].map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {op.parameters.map((p) => {
            const own = p.rows[0];
            return (
              <tr key={`${p.in}:${p.name}`}>
                <th scope="row">
                  <code className="text-slate-900">{p.name}</code>{' '}
                  {p.required && <span className="ml-1 text-xs text-red-800">required</span>}
                </th>
                <td>{p.in}</td>
                <td>{own?.type ?? 'any'}</td>
                <td>
                  {p.description && <Prose text={p.description} />}
                  {own && <Constraints items={own.constraints} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Response({ response, op }: { response: ResponseView; op: OperationView }) {
  const { body } = response;
  // an answer that is exactly a shared schema (the error shape) links to it instead of a table
  const shared = body && body.rows.length === 1 ? body.rows[0]?.ref : null;
  return (
    <li>
      <p className="text-sm">
        <span className="font-mono font-semibold text-slate-900">{response.status}</span>{' '}
        <span className="text-slate-700">{response.description}</span>
        {shared && (
          <>
            {' '}
            ·{' '}
            <a className="text-blue-800 underline" href={`#${schemaAnchor(shared)}`}>
              {shared}
            </a>
          </>
        )}
      </p>
      {body && !shared && (
        <div className="mt-1">
          <Body body={body} caption={`${response.status} response of ${op.method} ${op.path}`} />
        </div>
      )}
    </li>
  );
}

function Body({ body, caption }: { body: BodyView; caption: string }) {
  return (
    <>
      {body.contentType !== 'application/json' && (
        <p className="text-xs text-slate-600">{body.contentType}</p>
      )}
      <SchemaTable rows={body.rows} caption={caption} />
      {body.examples.map((e, i) => (
        <JsonView key={i} value={e.value} label={`${e.label} (${caption})`} />
      ))}
    </>
  );
}
