import type { ReactNode } from 'react';
import { StackedChart, type ChartRow, type ChartSeries } from './stacked-chart';

/**
 * One chart with its heading, a sentence saying what it shows, and the same numbers as a
 * visually hidden table (buckets without any count are left out, so a week stays readable).
 */
export function ChartCard({
  id,
  title,
  description,
  kind,
  rows,
  series,
  summary,
  empty,
}: {
  id: string;
  title: string;
  description: ReactNode;
  kind: 'area' | 'bar';
  rows: ChartRow[];
  series: ChartSeries[];
  summary: string;
  empty: string;
}) {
  const withData = rows.filter((r) => series.some((s) => Number(r[s.key]) > 0));
  return (
    <section
      aria-labelledby={id}
      className="relative min-w-0 rounded border border-slate-200 bg-white p-4"
    >
      <h3 id={id} className="text-base font-semibold">
        {title}
      </h3>
      <p className="mb-3 text-sm text-slate-600">{description}</p>
      {withData.length === 0 ? (
        <p className="flex h-64 items-center justify-center rounded border border-dashed border-slate-300 text-sm text-slate-600">
          {empty}
        </p>
      ) : (
        <>
          <StackedChart kind={kind} rows={rows} series={series} summary={summary} />
          {/* The wrapper, not the table, is visually hidden: a table ignores width and overflow, so
              an sr-only table keeps its full width and widens the page even though it is clipped. */}
          <div className="sr-only">
            <table>
              <caption>
                {title}: {summary}. Periods without any are left out.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Period starting</th>
                  {series.map((s) => (
                    <th key={s.key} scope="col">
                      {s.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {withData.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    {series.map((s) => (
                      <td key={s.key}>{r[s.key] ?? 0}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
