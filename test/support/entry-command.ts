// How the suites start a long-running process (worker, receiver): as production runs it, the
// bundle `npm run build` made (dist/*.mjs), when it is there and no source is newer — that is the
// case in `npm test`, which builds first, and it saves each start tsx's compile of the sources —
// otherwise from source through tsx, so a suite run by hand after an edit tests the edit.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The folders every bundle is built from, besides its own entry's folder. */
const SHARED_SOURCES = ['lib', 'prisma', 'simulators'];

const newestByDir = new Map<string, number>();
/** Newest modification time of the TypeScript sources under `dir` (tests aside), once per run. */
function newestSource(dir: string): number {
  const known = newestByDir.get(dir);
  if (known !== undefined) return known;
  let newest = 0;
  if (existsSync(dir))
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.includes('.test.')) continue;
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  newestByDir.set(dir, newest);
  return newest;
}

/** What the image sets in NODE_OPTIONS (Dockerfile): the suites and the bench run the same heap. */
export const RUNTIME_FLAGS = ['--max-semi-space-size=64'];

export interface EntryCommand {
  /** node's arguments after any flags */
  args: string[];
  built: boolean;
}

/** `worker/index.ts` -> dist/worker.mjs if fresh, else tsx on the source. */
export function entryCommand(source: 'worker/index.ts' | 'receiver/index.ts'): EntryCommand {
  const folder = source.split('/')[0] ?? '';
  const bundle = `dist/${folder}.mjs`;
  if (existsSync(bundle)) {
    const builtAt = statSync(bundle).mtimeMs;
    if ([folder, ...SHARED_SOURCES].every((dir) => newestSource(dir) <= builtAt))
      return { args: [...RUNTIME_FLAGS, '--enable-source-maps', bundle], built: true };
  }
  return { args: [...RUNTIME_FLAGS, '--import', 'tsx', source], built: false };
}
