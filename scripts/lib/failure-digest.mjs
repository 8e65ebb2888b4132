// The failed tests of a run, a few lines each, for the end of `npm test`'s output: CI keeps only
// the tail of a long log, and a summary that says "1 failed" without saying which and why sends
// the next person to reproduce a flake blind.
import { existsSync, readFileSync } from 'node:fs';

const LINES_PER_FAILURE = 8;
const MAX_FAILURES = 10;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function excerpt(message) {
  return String(message ?? '')
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() && !/^\s+at /.test(line))
    .slice(0, LINES_PER_FAILURE);
}

function vitestFailures(data) {
  const out = [];
  for (const file of data.testResults ?? [])
    for (const t of file.assertionResults ?? [])
      if (t.status === 'failed')
        out.push({ title: `${file.name} › ${t.fullName}`, lines: excerpt(t.failureMessages?.[0]) });
  // A file that failed to load has no failed assertion, only a message of its own.
  for (const file of data.testResults ?? [])
    if (
      file.status === 'failed' &&
      !(file.assertionResults ?? []).some((t) => t.status === 'failed')
    )
      out.push({ title: file.name, lines: excerpt(file.message) });
  return out;
}

function playwrightFailures(data) {
  const out = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const result = (test.results ?? []).find((r) => r.error) ?? {};
        out.push({
          title: `[${test.projectName}] ${spec.file}:${spec.line} › ${[...path, spec.title].join(' › ')}`,
          lines: excerpt(result.error?.message ?? result.status),
        });
      }
    for (const child of suite.suites ?? [])
      walk(child, suite.title && !suite.file ? [...path, suite.title] : path);
  };
  for (const suite of data.suites ?? []) walk(suite, []);
  return out;
}

/** Lines naming each failed test of the report at `file` and the start of its error. */
export function failureDigest(file, kind) {
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const failures = kind === 'vitest' ? vitestFailures(data) : playwrightFailures(data);
  const lines = [];
  for (const f of failures.slice(0, MAX_FAILURES))
    lines.push(`✗ ${f.title}`, ...f.lines.map((l) => `    ${l}`));
  if (failures.length > MAX_FAILURES)
    lines.push(`… and ${failures.length - MAX_FAILURES} more failed tests in ${file}`);
  return lines;
}
