import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { requirePage } from '@/lib/auth/session';
import { actorCan } from '@/lib/base/actor';
import { servedApiReference } from '@/lib/http/api-reference.presenter';
import { MethodBadge, OperationSection } from './_components/operation-section';
import { Prose } from './_components/prose';
import { SchemaTable, schemaAnchor } from './_components/schema-table';

export const metadata: Metadata = { title: 'API reference' };

const OPENAPI_URL = '/api/v1/openapi.json';

// Every role holds transactions.read: the permission stands for "any signed-in person" here (the
// document itself is public). Rendered on the server from the served document, with no client
// code and nothing fetched from elsewhere: ADR 0022, "The reference page".
export default async function ApiReferencePage() {
  const actor = await requirePage('transactions.read');
  const view = servedApiReference();
  return (
    <div className="space-y-8">
      <section aria-labelledby="reference-heading" className="space-y-3">
        <h1 id="reference-heading" className="text-xl font-semibold">
          API reference
        </h1>
        {view.description && (
          <Prose text={view.description} className="max-w-3xl text-sm text-slate-700" />
        )}
        <p className="max-w-3xl text-sm text-slate-700">
          {view.title} version {view.version}: {view.operationCount} operations. This page is
          generated from the same OpenAPI 3.1 document that{' '}
          <code className="text-slate-900">GET {OPENAPI_URL}</code> serves; a client generator reads
          that document.{' '}
          {actorCan(actor, 'tokens.manage') ? (
            <>
              Issue a token under{' '}
              <Link className="text-blue-800 underline" href="/settings/tokens">
                Settings → API tokens
              </Link>
              .
            </>
          ) : (
            'An administrator issues API tokens.'
          )}
        </p>
        <p>
          <a
            className="inline-block rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-50"
            href={OPENAPI_URL}
            download="waybill-openapi.json"
          >
            Download the OpenAPI document (JSON)
          </a>
        </p>
      </section>

      <nav
        aria-labelledby="contents-heading"
        className="rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="contents-heading" className="mb-2 text-lg font-semibold">
          Contents
        </h2>
        <ul className="grid gap-x-6 gap-y-3 text-sm md:grid-cols-2 xl:grid-cols-3">
          <li>
            <a className="text-blue-800 underline" href="#authentication">
              Authentication
            </a>
          </li>
          <li>
            <a className="text-blue-800 underline" href="#errors">
              Errors
            </a>
          </li>
          {view.groups.map((g) => (
            <li key={g.anchor}>
              <a className="font-medium text-blue-800 underline" href={`#${g.anchor}`}>
                {g.name}
              </a>
              <ul className="mt-1 space-y-0.5">
                {g.operations.map((op) => (
                  <li key={op.id} className="flex min-w-0 items-start gap-2">
                    <MethodBadge method={op.method} />
                    <a
                      className="min-w-0 font-mono text-xs text-blue-800 underline break-words"
                      href={`#${op.id}`}
                    >
                      {op.path}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>

      <section
        id="authentication"
        aria-labelledby="authentication-heading"
        className="scroll-mt-20 space-y-2"
      >
        <h2 id="authentication-heading" className="text-lg font-semibold">
          Authentication
        </h2>
        <ul className="max-w-3xl list-disc space-y-1 pl-5 text-sm text-slate-700">
          {view.securitySchemes.map((s) => (
            <li key={s.name}>
              <code className="text-slate-900">{s.how}</code>
              {s.description && <> — {s.description}</>}
            </li>
          ))}
        </ul>
      </section>

      <section id="errors" aria-labelledby="errors-heading" className="scroll-mt-20 space-y-2">
        <h2 id="errors-heading" className="text-lg font-semibold">
          Errors
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">
          Every failure answers the same JSON shape; the status says which kind, each operation
          lists the ones it may answer.
        </p>
        {view.sharedSchemas.map((s) => (
          <div key={s.name} id={schemaAnchor(s.name)} className="scroll-mt-20">
            <h3 className="mb-1 text-sm font-semibold">
              <code>{s.name}</code>
            </h3>
            <SchemaTable rows={s.rows} caption={`The ${s.name} schema`} />
          </div>
        ))}
      </section>

      {view.groups.map((g) => (
        <section
          key={g.anchor}
          id={g.anchor}
          aria-labelledby={`${g.anchor}-heading`}
          className="scroll-mt-20 space-y-3"
        >
          <h2 id={`${g.anchor}-heading`} className="text-lg font-semibold">
            {g.name}
          </h2>
          {g.description && (
            <Prose text={g.description} className="max-w-3xl text-sm text-slate-700" />
          )}
          {g.operations.map((op) => (
            <OperationSection key={op.id} op={op} />
          ))}
        </section>
      ))}
    </div>
  );
}
