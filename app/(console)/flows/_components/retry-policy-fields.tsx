import type { RetryPolicy } from '@/lib/engine/retry-policy';

const cell = 'px-2 py-1';
const number = 'w-28 rounded border border-slate-300 px-2 py-1 text-sm';

/** What each retrying class is, in the words of the failure table (docs/architecture.md). */
const CLASS_WORDS: Record<string, string> = {
  rate_limited: '429, or the CRM’s conflict',
  timeout: 'no answer in time',
  provider_outage: '5xx, connection refused',
  missing_dependency: 'the flow it waits for is blocked',
  unknown: 'an unexpected error',
};

const seconds = (ms: number | undefined) => (ms === undefined ? '' : String(ms / 1000));
const label = (c: string) => c.replace(/_/g, ' ');

/**
 * The flow's retry budget (attempts and backoff) and, per retrying class, what differs from it.
 * A blank class field uses the flow's value, shown as its placeholder. Delays are in seconds.
 */
export function RetryPolicyFields({
  policy,
  classes,
  errors,
}: {
  /** null: a new flow (the engine's defaults) */
  policy: RetryPolicy | null;
  classes: readonly string[];
  errors: Record<string, string[]>;
}) {
  const defaults = policy ?? {
    maxAttempts: 8,
    baseDelayMs: 1000,
    maxDelayMs: 300_000,
    classes: {},
  };
  const problems = Object.entries(errors).filter(([field]) => field.startsWith('retryPolicy'));
  const row = (prefix: string, name: string, values: Partial<RetryPolicy> | undefined) => (
    <>
      <td className={cell}>
        <input
          type="number"
          min={1}
          max={100}
          name={`${prefix}.maxAttempts`}
          aria-label={`${name}: attempts`}
          defaultValue={values?.maxAttempts ?? ''}
          placeholder={prefix === 'retry' ? undefined : String(defaults.maxAttempts)}
          required={prefix === 'retry'}
          className={number}
        />
      </td>
      <td className={cell}>
        <input
          type="number"
          min={0.01}
          step="any"
          name={`${prefix}.baseDelaySeconds`}
          aria-label={`${name}: base delay (s)`}
          defaultValue={seconds(values?.baseDelayMs)}
          placeholder={prefix === 'retry' ? undefined : seconds(defaults.baseDelayMs)}
          required={prefix === 'retry'}
          className={number}
        />
      </td>
      <td className={cell}>
        <input
          type="number"
          min={0.01}
          step="any"
          name={`${prefix}.maxDelaySeconds`}
          aria-label={`${name}: max delay (s)`}
          defaultValue={seconds(values?.maxDelayMs)}
          placeholder={prefix === 'retry' ? undefined : seconds(defaults.maxDelayMs)}
          required={prefix === 'retry'}
          className={number}
        />
      </td>
    </>
  );
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium">Retry policy</legend>
      <p className="max-w-3xl text-xs text-slate-600">
        Failures that retrying can fix wait with exponential backoff (a random delay up to base ×
        2^attempt, at most the max delay) until the attempts are spent; then the transaction is
        failed. A blank field of a class uses the flow’s value. Other failures (validation, mapping,
        auth, …) go to review at once.
      </p>
      <div className="overflow-x-auto">
        {/* scrolls by itself on a narrow screen instead of widening the page */}
        <table className="text-left text-sm">
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className={cell}>
                Failure
              </th>
              <th scope="col" className={cell}>
                Attempts
              </th>
              <th scope="col" className={cell}>
                Base delay (s)
              </th>
              <th scope="col" className={cell}>
                Max delay (s)
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className="border-b border-slate-200">
              <th scope="row" className={`${cell} font-medium`}>
                Every class (default)
              </th>
              {row('retry', 'default', defaults)}
            </tr>
            {classes.map((c) => (
              <tr key={c} data-testid={`retry-class-${c}`}>
                <th scope="row" className={`${cell} font-normal`}>
                  <span className="font-medium">{label(c)}</span>
                  <span className="block text-xs text-slate-600">{CLASS_WORDS[c]}</span>
                </th>
                {row(`retry.${c}`, label(c), defaults.classes[c as keyof RetryPolicy['classes']])}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-red-800" aria-label="Retry policy problems">
          {problems.flatMap(([field, messages]) =>
            messages.map((m) => <li key={`${field}:${m}`}>{`${field}: ${m}`}</li>),
          )}
        </ul>
      )}
    </fieldset>
  );
}
