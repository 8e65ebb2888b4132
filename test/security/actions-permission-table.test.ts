// Keeps e2e/support/permission-table.ts true to the code: every console page and every exported
// server action appears in it with the permission its requirePage() call or its define…Action
// spec names, and nothing in it is stale. Every action goes through the wrapper (lib/http/
// define-action.ts), which authorises before anything else: the permission is read from the source.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
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

/**
 * The exported actions of an actions file: each is `export const name = define…Action({ … })` with a
 * literal `permission: '…'` (defineAction, defineFormAction) or none (definePublicFormAction).
 * An `export async function` is an action that bypasses the wrapper: reported as such.
 */
function exportedActions(text: string) {
  const out: { name: string; wrapper: string | null; permission: string | null }[] = [];
  for (const m of text.matchAll(/^export (?:async function (\w+)|const (\w+) = (\w+)\()/gm)) {
    const rest = text.slice((m.index ?? 0) + m[0].length);
    // the spec runs to the next line that starts at column 0 ("});")
    const end = rest.search(/\n\S/);
    const body = end < 0 ? rest : rest.slice(0, end);
    out.push({
      name: m[1] ?? m[2] ?? '',
      wrapper: m[3] ?? null,
      permission: /\bpermission: '([\w.]+)'/.exec(body)?.[1] ?? null,
    });
  }
  return out;
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
  const actions = files.flatMap((file) =>
    exportedActions(read(file)).map((action) => ({ ...action, key: `${file}#${action.name}` })),
  );
  const exported = actions.map((a) => a.key);

  it('every exported action goes through defineAction, defineFormAction or definePublicFormAction', () => {
    const wrappers = ['defineAction', 'defineFormAction', 'definePublicFormAction'];
    expect(actions.filter((a) => !wrappers.includes(a.wrapper ?? '')).map((a) => a.key)).toEqual(
      [],
    );
  });

  it('every exported action is in the table with the permission it declares', () => {
    const problems: string[] = [];
    for (const { key, wrapper, permission } of actions) {
      if (PUBLIC_ACTIONS.includes(key)) {
        if (wrapper !== 'definePublicFormAction' || permission)
          problems.push(`${key}: listed as public, but declared with ${wrapper} (${permission})`);
        continue;
      }
      const listed = ACTION_PERMISSIONS[key];
      if (!listed)
        problems.push(`${key}: missing from ACTION_PERMISSIONS (declares ${permission})`);
      else if (permission !== listed)
        problems.push(`${key}: table says ${listed}, the action declares ${permission}`);
    }
    expect(problems).toEqual([]);
  });

  it('nothing in the table is stale', () => {
    const listed = [...Object.keys(ACTION_PERMISSIONS), ...PUBLIC_ACTIONS];
    expect(listed.filter((k) => !exported.includes(k))).toEqual([]);
  });

  it('the reader finds each wrapper, its declared permission, and a bypass', () => {
    const text = [
      'export const replay = defineFormAction({',
      "  doing: 'replay transactions',",
      "  permission: 'transactions.replay',",
      '  input: z.object({ id: z.uuid() }),',
      '  async run() {',
      "    return { permission: 'not this one' };",
      '  },',
      '});',
      'export const accept = definePublicFormAction({',
      "  doing: 'accept invitations',",
      '});',
      'export type Answer = { ok: true };',
      "export async function bypass() { await requireActor('audit.read'); }",
    ].join('\n');
    expect(exportedActions(text)).toEqual([
      { name: 'replay', wrapper: 'defineFormAction', permission: 'transactions.replay' },
      { name: 'accept', wrapper: 'definePublicFormAction', permission: null },
      { name: 'bypass', wrapper: null, permission: null },
    ]);
  });
});
