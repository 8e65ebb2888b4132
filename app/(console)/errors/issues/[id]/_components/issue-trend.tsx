'use client';

// Failures per day (or per hour when the issue is younger than two days), drawn in the browser:
// recharts measures its container. The day buckets are UTC days; the numbers are also in the
// page's facts for screen readers (total, first and last seen).
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export function IssueTrend({
  points,
  summary,
}: {
  points: { label: string; count: number }[];
  summary: string;
}) {
  if (points.length === 0)
    return <p className="text-sm text-slate-600">No failures in the last 14 days.</p>;
  return (
    <div className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} title={summary} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 12, fill: 'var(--color-slate-600)' }}
            minTickGap={24}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 12, fill: 'var(--color-slate-600)' }}
            width={40}
          />
          <Tooltip />
          <Bar dataKey="count" name="Failures" fill="var(--color-red-700)" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
