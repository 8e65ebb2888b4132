'use client';

// recharts draws in the browser only (it measures its container), so the charts are client
// components; the server hands them rows whose time labels are already formatted.
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

export type ChartRow = { label: string } & Record<string, number | string>;

/**
 * A stacked area or bar chart over the window's buckets. The svg is named by `summary` (recharts
 * renders it as <title>) and keeps recharts' keyboard layer; the card beside it carries the same
 * numbers as a table for screen readers.
 */
export function StackedChart({
  kind,
  rows,
  series,
  summary,
}: {
  kind: 'area' | 'bar';
  rows: ChartRow[];
  series: ChartSeries[];
  summary: string;
}) {
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" stroke="var(--color-slate-200)" />,
    <XAxis
      key="x"
      dataKey="label"
      tick={{ fontSize: 12, fill: 'var(--color-slate-600)' }}
      minTickGap={24}
    />,
    <YAxis
      key="y"
      allowDecimals={false}
      tick={{ fontSize: 12, fill: 'var(--color-slate-600)' }}
      width={48}
    />,
    <Tooltip key="tip" />,
    <Legend key="legend" wrapperStyle={{ fontSize: 12 }} />,
  ];
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        {kind === 'area' ? (
          <AreaChart data={rows} title={summary} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            {axes}
            {series.map((s) => (
              <Area
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.name}
                stackId="1"
                stroke={s.color}
                fill={s.color}
                fillOpacity={0.35}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        ) : (
          <BarChart data={rows} title={summary} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            {axes}
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stackId="1"
                fill={s.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
