'use client';

// Anything a console page did not expect lands here instead of a blank screen. The digest is the
// correlation id Next logs with the server-side error, so support can quote it to engineering.
export default function ConsoleError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section
      aria-labelledby="error-heading"
      className="rounded border border-red-200 bg-white p-6 text-slate-800"
    >
      <h1 id="error-heading" className="text-lg font-semibold text-red-900">
        This page could not be shown
      </h1>
      <p className="mt-2 text-sm">
        Something went wrong on our side. Nothing you did was lost: the ledger keeps every accepted
        event. Try again; if it keeps happening, send this reference to your Waybill admin.
      </p>
      <p className="mt-2 font-mono text-sm" data-testid="error-reference">
        Reference: {error.digest ?? 'unavailable'}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
      >
        Try again
      </button>
    </section>
  );
}
