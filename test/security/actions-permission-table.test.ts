// Keeps e2e/support/permission-table.ts true to the code: every console page and every exported
// server action appears in it with the permission its requirePage()/requireActor() call names,
// and nothing in it is stale. The permission is read from the source, following the three ways
// actions reach requireActor today: a literal call, a same-file helper given the permission (or a
// key of a `{ key: { permission: '...' } }` table), or a lib/http helper with a literal call.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@/lib/base/permissions';
import {
  ACTION_PERMISSIONS,
  PAGE_PERMISSIONS,
  PUBLIC_ACTIONS,
  PUBLIC_PAGES,
  pageUrl,
} from '@/e2e/support/permission-table';

const APP = 'app';

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(path, name);
    return entry.name === name ? [relative(APP, path)] : [];
  });
}

const read = (file: string) => readFileSync(join(APP, file), 'utf8');
const literals = (text: string, callee: string) =>
  [...text.matchAll(new RegExp(`${callee}\\(\\s*'([\\w.]+)'`, 'g'))].map((m) => m[1] ?? '');

/** Top-level function bodies by name: from the declaration to the next column-0 declaration. */
function functionBodies(text: string): Map<string, { body: string; exported: boolean }> {
  const out = new Map<string, { body: string; exported: boolean }>();
  const starts = [...text.matchAll(/^(export )?(?:async )?function (\w+)/gm)];
  const boundaries = [...text.matchAll(/^(?:export |async |function |const |type |interface )/gm)]
    .map((m) => m.index)
    .concat(text.length);
  for (const start of starts) {
    const from = start.index;
    const to = boundaries.find((b) => b > from) ?? text.length;
    out.set(start[2] ?? '', { body: text.slice(from, to), exported: Boolean(start[1]) });
  }
  return out;
}

/** The permissions an exported action demands, as far as the source says (empty: unknown). */
function actionPermissions(text: string, name: string): string[] {
  const bodies = functionBodies(text);
  const body = bodies.get(name)?.body ?? '';
  const found = new Set(literals(body, 'requireActor'));
  for (const [helper, { body: helperBody, exported }] of bodies) {
    if (exported || helper === name || !helperBody.includes('requireActor(')) continue;
    for (const arg of literals(body, helper)) {
      if ((PERMISSIONS as string[]).includes(arg)) found.add(arg);
      // bulk('replay', raw) with SPEC = { replay: { permission: 'transactions.replay', ... } }
      const keyed = new RegExp(`\\b${arg}: \\{\\s*permission: '([\\w.]+)'`).exec(text);
      if (keyed?.[1]) found.add(keyed[1]);
    }
    for (const p of literals(helperBody, 'requireActor'))
      if (body.includes(`${helper}(`)) found.add(p);
  }
  // A shared lib/http helper that authorises itself (startReplayFromForm).
  for (const m of text.matchAll(/import \{([^}]+)\} from '@\/lib\/http\/([\w-]+)'/g)) {
    const helperText = readFileSync(join('lib/http', `${m[2]}.ts`), 'utf8');
    const names = (m[1] ?? '').split(',').map((n) => n.trim().split(' ')[0] ?? '');
    if (names.some((n) => n && new RegExp(`\\b${n}\\(`).test(body)))
      for (const p of literals(helperText, 'requireActor')) found.add(p);
  }
  return [...found];
}

describe('pages', () => {
  const pages = filesNamed(APP, 'page.tsx');

  it('every page is in the table (or public) with the permission its requirePage names', () => {
    const problems: string[] = [];
    for (const file of pages) {
      if (PUBLIC_PAGES.includes(file)) continue;
      const demanded = literals(read(file), 'requirePage');
      const listed = PAGE_PERMISSIONS[file];
      if (!listed)
        problems.push(`${file}: missing from PAGE_PERMISSIONS (demands ${demanded.join(', ')})`);
      else if (demanded.length !== 1 || demanded[0] !== listed)
        problems.push(`${file}: table says ${listed}, the page demands [${demanded.join(', ')}]`);
    }
    expect(problems).toEqual([]);
  });

  it('nothing in the table is stale', () => {
    const stale = [...Object.keys(PAGE_PERMISSIONS), ...PUBLIC_PAGES].filter(
      (f) => !pages.includes(f),
    );
    expect(stale).toEqual([]);
  });

  it('derives URLs a browser can request', () => {
    expect(pageUrl('(console)/(overview)/page.tsx')).toBe('/');
    expect(pageUrl('(console)/transactions/[id]/page.tsx')).toMatch(/^\/transactions\/0{8}-/);
    expect(pageUrl('app/(console)/settings/tokens/page')).toBe('/settings/tokens');
  });
});

describe('server actions', () => {
  const files = filesNamed(APP, 'actions.ts');
  const exported = files.flatMap((file) =>
    [...read(file).matchAll(/^export async function (\w+)/gm)].map((m) => `${file}#${m[1]}`),
  );

  it('every exported action is in the table with the permission its code demands', () => {
    const problems: string[] = [];
    for (const key of exported) {
      if (PUBLIC_ACTIONS.includes(key)) continue;
      const [file = '', name = ''] = key.split('#');
      const demanded = actionPermissions(read(file), name);
      const listed = ACTION_PERMISSIONS[key];
      if (!listed)
        problems.push(`${key}: missing from ACTION_PERMISSIONS (demands ${demanded.join(', ')})`);
      else if (demanded.length !== 1 || demanded[0] !== listed)
        problems.push(`${key}: table says ${listed}, the code demands [${demanded.join(', ')}]`);
    }
    expect(problems).toEqual([]);
  });

  it('nothing in the table is stale', () => {
    const listed = [...Object.keys(ACTION_PERMISSIONS), ...PUBLIC_ACTIONS];
    expect(listed.filter((k) => !exported.includes(k))).toEqual([]);
  });

  it('the reader sees through each way an action reaches requireActor', () => {
    const text = [
      "const SPEC = { replay: { permission: 'transactions.replay' } };",
      'async function bulk(action, raw) { await requireActor(SPEC[action].permission); }',
      'async function gate(permission) { return requireActor(permission); }',
      "export async function direct() { await requireActor('transactions.note'); }",
      "export async function viaSpec(raw) { return bulk('replay', raw); }",
      "export async function viaHelper() { await gate('mappings.manage'); }",
      "export async function none() { return actorCan(a, 'audit.read'); }",
    ].join('\n');
    expect(actionPermissions(text, 'direct')).toEqual(['transactions.note']);
    expect(actionPermissions(text, 'viaSpec')).toEqual(['transactions.replay']);
    expect(actionPermissions(text, 'viaHelper')).toEqual(['mappings.manage']);
    expect(actionPermissions(text, 'none')).toEqual([]);
  });
});
