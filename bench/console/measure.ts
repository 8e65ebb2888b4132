// Sequential sampling of one target at both levels. The presenter runs against the large database
// while its SQL is captured ("presenter" is its wall time, Prisma and Node included). Database
// level: the captured statements are then replayed one after another on a plain pg connection, and
// "db" is their summed round trip — what PostgreSQL spends on one screen (parse, plan, execute,
// send rows), without the client's overlap or its row mapping. A few samples (the first ones and
// the slowest) are EXPLAINed.
import type pg from 'pg';
import type { Db } from '@/lib/db';
import type { ConsoleApi } from './api';
import { explain, isExplainable, type PlanCheck } from './explain';
import { captureSql, type CapturedStatement } from './sql-capture';
import { percentiles, type Percentiles } from './stats';
import type { Target } from './targets';

export interface TargetResult {
  target: Target;
  db: Percentiles;
  presenter: Percentiles;
  statementsPerCall: number;
  plans: PlanCheck[];
  api: (Percentiles & { failures: number; firstFailure: string | null }) | null;
}

export interface SampleCounts {
  warmup: number;
  samples: number;
}

export async function measureDb(
  db: Db,
  explainClient: pg.Client,
  target: Target,
  counts: SampleCounts,
): Promise<Omit<TargetResult, 'api'>> {
  for (let i = 0; i < counts.warmup; i++) await target.sample(i).run(db);
  const dbMs: number[] = [];
  const wallMs: number[] = [];
  const toExplain: CapturedStatement[][] = [];
  let slowest: { ms: number; statements: CapturedStatement[] } | null = null;
  let statementCount = 0;
  for (let i = 0; i < counts.samples; i++) {
    const { ms, statements } = await captureSql(() => target.sample(i).run(db));
    const total = await replaySerially(explainClient, statements);
    dbMs.push(total);
    wallMs.push(ms);
    statementCount += statements.length;
    if (i < 3) toExplain.push(statements);
    if (!slowest || total > slowest.ms) slowest = { ms: total, statements };
  }
  if (slowest) toExplain.push(slowest.statements);
  const plans: PlanCheck[] = [];
  for (const statement of toExplain.flat().filter((s) => isExplainable(s.text)))
    plans.push(await explain(explainClient, statement));
  return {
    target,
    db: percentiles(dbMs),
    presenter: percentiles(wallMs),
    statementsPerCall: statementCount / Math.max(1, counts.samples),
    plans,
  };
}

/** Round trips of the statements, one at a time on one connection: the database's share. */
async function replaySerially(client: pg.Client, statements: CapturedStatement[]): Promise<number> {
  let total = 0;
  for (const statement of statements.filter((s) => isExplainable(s.text))) {
    const started = performance.now();
    await client.query(statement.text, statement.values);
    total += performance.now() - started;
  }
  return total;
}

export async function measureApi(
  api: ConsoleApi,
  target: Target,
  counts: SampleCounts,
): Promise<NonNullable<TargetResult['api']>> {
  for (let i = 0; i < counts.warmup; i++) await api.get(target.sample(i).path);
  const times: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  for (let i = 0; i < counts.samples; i++) {
    const path = target.sample(i).path;
    const { status, ms } = await api.get(path);
    times.push(ms);
    if (status !== 200) {
      failures++;
      firstFailure ??= `${status} ${path}`;
    }
  }
  return { ...percentiles(times), failures, firstFailure };
}
