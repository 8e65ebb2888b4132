// `npm test`: every check — lint beside format, layers and typecheck, then unit and build, then
// integration, e2e in order — then the failed tests' first lines and one summary line
// "N passed, N failed". Prepares what it needs (dependencies, Prisma client) and says
// exactly what is missing from the machine. TEST_STEPS=unit,integration runs a subset.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failureDigest } from './lib/failure-digest.mjs';
import { checkServices, ensureNodeModules } from './lib/preflight.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, '.reports');
const bin = (name) => join(root, 'node_modules/.bin', name);
// by its package's path: TypeScript 6 installs a `tsc` too
const TSC = join(root, 'node_modules/typescript-native/bin/tsc');

// Steps of one `together` group run at once (each is one single-threaded process, and there are
// two cores). A `besideUntil` step starts where it stands and runs on beside the steps after it
// until the one it names: lint, the longest static check (typed rules, about 130 s on one core),
// takes one core while the other runs format, layers, typecheck, unit and build, instead of the
// static checks taking as long as lint before anything else starts.
const STEPS = [
  {
    name: 'lint',
    cmd: [bin('eslint'), '--max-warnings', '0', '.'],
    besideUntil: 'integration',
  },
  {
    name: 'format',
    cmd: [bin('prettier'), '--check', '--log-level', 'warn', '.'],
    together: 'static',
  },
  { name: 'layers', cmd: [process.execPath, 'scripts/check-layers.mjs'], together: 'static' },
  // TypeScript 7, the native compiler: the same checks as 6.0 (which typescript-eslint and Next
  // keep using for its JavaScript API) at a fifth of the CPU (ADR 0031). One thread: the other
  // static checks fill the second core.
  { name: 'typecheck', cmd: [TSC, '--noEmit', '--singleThreaded'], together: 'static' },
  {
    name: 'unit',
    cmd: [
      bin('vitest'),
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/unit.json`,
    ],
    report: 'vitest',
  },
  { name: 'build', cmd: [process.execPath, 'scripts/build.mjs'] },
  {
    name: 'integration',
    cmd: [
      bin('vitest'),
      'run',
      '--project',
      'integration',
      '--project',
      'integration-stack',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/integration.json`,
    ],
    report: 'vitest',
    needs: 'build',
  },
  {
    name: 'e2e',
    cmd: [bin('playwright'), 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: `${reports}/e2e.json` },
    report: 'playwright',
    needs: 'build',
  },
];

function counts(step) {
  const file = join(reports, `${step.name}.json`);
  if (!existsSync(file)) return null;
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (step.report === 'vitest')
    return {
      passed: data.numPassedTests,
      failed: data.numFailedTests,
      skipped: data.numPendingTests + data.numTodoTests,
    };
  const s = data.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
  };
}

const secondsSince = (started) => Math.round((Date.now() - started) / 100) / 10;

/** The steps from `i` on that share steps[i]'s `together` group. */
function contiguous(steps, i) {
  const batch = [];
  for (let n = i; n < steps.length && steps[n].together === steps[i].together; n += 1)
    batch.push(steps[n]);
  return batch;
}

/** Starts `step` with its output kept, to be printed whole when it has finished. */
function startQuietly(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(step.cmd[0], step.cmd.slice(1), {
      cwd: root,
      env: { ...process.env, ...step.env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code) => resolve({ step, code, output, seconds: secondsSince(started) }));
  });
}

/** Prints what quietly started steps wrote, in order, and returns their results. */
function finish(finished) {
  for (const { step, code, output } of finished) {
    console.log(`\n--- ${step.name} ---`);
    if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    if (code !== 0) console.log(`${step.name}: exit code ${code}`);
  }
  return finished.map(({ step, code, seconds }) => ({
    name: step.name,
    ok: code === 0,
    seconds,
    counts: step.report ? counts(step) : null,
  }));
}

/** Runs `batch` at once; prints each one's output whole, in order, once all have finished. */
async function runTogether(batch) {
  console.log(`\n=== ${batch.map((s) => s.name).join(', ')} (at once) ===`);
  return finish(await Promise.all(batch.map(startQuietly)));
}

async function main() {
  ensureNodeModules(root);
  const { ensurePrismaClient } = await import('./prepare.mjs');
  ensurePrismaClient();
  const only = process.env.TEST_STEPS?.split(',').map((s) => s.trim());
  const steps = STEPS.filter((s) => !only || only.includes(s.name));
  const needsServices = steps.some((s) => ['integration', 'e2e'].includes(s.name));
  if (needsServices) {
    const problems = await checkServices({
      databaseUrl: process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      needChromium: steps.some((s) => s.name === 'e2e'),
      needRedisServer: true,
    });
    if (problems.length) {
      console.error(`npm test cannot run on this machine yet:\n  - ${problems.join('\n  - ')}`);
      process.exit(2);
    }
  }
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });

  const results = [];
  /** steps started beside the others: name -> { until, running } */
  const beside = new Map();
  const joinBeside = async (when) => {
    for (const [name, { until, running }] of beside)
      if (when === null || until === when) {
        beside.delete(name);
        console.log(`\n=== ${name} (ran beside the steps before ${when ?? 'the end'}) ===`);
        results.push(...finish([await running]));
      }
  };
  for (let i = 0; i < steps.length;) {
    const step = steps[i];
    await joinBeside(step.name);
    if (step.besideUntil) {
      beside.set(step.name, { until: step.besideUntil, running: startQuietly(step) });
      i += 1;
      continue;
    }
    const batch = step.together ? contiguous(steps, i) : [step];
    i += batch.length;
    if (batch.length > 1) {
      results.push(...(await runTogether(batch)));
      continue;
    }
    if (step.needs && results.find((r) => r.name === step.needs && !r.ok)) {
      results.push({
        name: step.name,
        ok: false,
        seconds: 0,
        note: `skipped: ${step.needs} failed`,
      });
      continue;
    }
    console.log(`\n=== ${step.name} ===`);
    const started = Date.now();
    const run = spawnSync(step.cmd[0], step.cmd.slice(1), {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...step.env },
    });
    results.push({
      name: step.name,
      ok: run.status === 0,
      seconds: secondsSince(started),
      counts: step.report ? counts(step) : null,
    });
  }

  await joinBeside(null);

  const digest = results
    .filter((r) => !r.ok)
    .flatMap((r) => {
      const step = STEPS.find((s) => s.name === r.name);
      return step?.report ? failureDigest(join(reports, `${step.name}.json`), step.report) : [];
    });
  if (digest.length) console.log(`\n=== failures ===\n${digest.join('\n')}`);

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  console.log('\n=== summary ===');
  for (const r of results) {
    const c = r.counts;
    if (c) {
      passed += c.passed;
      failed += c.failed;
      skipped += c.skipped;
    } else if (r.ok) passed += 1;
    // A runner that failed without reporting a failed test (crash, setup error) still fails.
    if (!r.ok && (!c || c.failed === 0)) failed += 1;
    const detail = c ? `${c.passed} passed, ${c.failed} failed` : (r.note ?? '');
    console.log(
      `${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(12)} ${String(r.seconds).padStart(6)} s  ${detail}`,
    );
  }
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

await main();
