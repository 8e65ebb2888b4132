// Records the SQL a presenter sends, with each statement's round trip, by wrapping pg's
// Client#query: Prisma's adapter-pg, raw queries and pools all end there, so what is captured is
// exactly what reached PostgreSQL, whichever way the presenter built it. Only one capture runs at
// a time (the bench measures latency, sequentially), so a module-level sink is enough.
import pg from 'pg';

export interface CapturedStatement {
  text: string;
  values: unknown[];
  /** round trip as the client saw it: send, execute, receive and parse the rows */
  ms: number;
}

let sink: CapturedStatement[] | null = null;
let installed = false;

type QueryFn = (...args: unknown[]) => unknown;

function statementOf(args: unknown[]): { text: string; values: unknown[] } {
  const [first, second] = args;
  if (typeof first === 'string')
    return { text: first, values: Array.isArray(second) ? (second as unknown[]) : [] };
  const config = (first ?? {}) as { text?: string; values?: unknown[] };
  return {
    text: config.text ?? '',
    values: config.values ?? (Array.isArray(second) ? (second as unknown[]) : []),
  };
}

export function installSqlCapture(): void {
  if (installed) return;
  installed = true;
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const into = sink;
    if (!into) return original.apply(this, args);
    const statement = statementOf(args);
    const started = performance.now();
    const done = () => into.push({ ...statement, ms: performance.now() - started });
    const last = args.at(-1);
    if (typeof last === 'function') {
      // pg-pool calls client.query(config, values, callback)
      const callback = last as (...a: unknown[]) => unknown;
      args[args.length - 1] = (...cbArgs: unknown[]) => {
        done();
        return callback(...cbArgs);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) return result.finally(done);
    return result;
  };
}

/** Runs fn and returns what it returned, its wall time and the statements it sent. */
export async function captureSql<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; ms: number; statements: CapturedStatement[] }> {
  if (sink) throw new Error('captureSql: captures do not nest');
  const statements: CapturedStatement[] = [];
  sink = statements;
  const started = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - started, statements };
  } finally {
    sink = null;
  }
}
