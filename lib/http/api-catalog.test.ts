// The catalog is the document's source: this fails when a route file under app/api/v1 and the
// catalog disagree (a route nobody documented, an entry with no route, a route that parses with a
// spec of its own instead of its catalog entry).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@/lib/base/permissions';
import { catalogEntries, HTTP_METHODS } from './api-catalog';

const API_ROOT = join(process.cwd(), 'app', 'api', 'v1');
/** Routes outside the wrapper on purpose: the document itself is public. */
const PUBLIC = new Set(['GET /api/v1/openapi.json']);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === 'route.ts' ? [path] : [];
  });
}

/** app/api/v1/transactions/[id]/route.ts -> /api/v1/transactions/{id} */
function apiPathOf(file: string): string {
  const segments = relative(API_ROOT, file).split(sep).slice(0, -1);
  return ['/api/v1', ...segments.map((s) => s.replace(/^\[(.+)\]$/, '{$1}'))].join('/');
}

const routes = routeFiles(API_ROOT).flatMap((file) => {
  const source = readFileSync(file, 'utf8');
  return HTTP_METHODS.filter((m) =>
    new RegExp(`export (const|async function|function) ${m}\\b`).test(source),
  ).map((method) => ({ key: `${method} ${apiPathOf(file)}`, source, file }));
});

describe('the /api/v1 catalog', () => {
  const keys = catalogEntries().map((e) => `${e.method} ${e.path}`);

  it('lists exactly the methods the route files export', () => {
    const served = routes.map((r) => r.key).filter((k) => !PUBLIC.has(k));
    expect(served.length).toBeGreaterThan(10);
    expect([...keys].sort()).toEqual([...served].sort());
  });

  it('is what each route file passes to defineRoute', () => {
    for (const { key, source, file } of routes) {
      if (PUBLIC.has(key)) continue;
      // api('KEY') or an area list's entry (AUDIT_API['KEY']): either way the catalog's spec
      expect(source, `${file} must take the catalog's '${key}'`).toMatch(
        new RegExp(`defineRoute\\(\\s*[\\w.]*(\\(|\\[)'${key.replace(/[{}/.]/g, '\\$&')}'`),
      );
      // a spec written inline would bypass the catalog (and the document)
      expect(source, file).not.toMatch(/defineRoute\(\s*\{/);
    }
  });

  it('has a unique operation id, a summary, a tag and a known permission per entry', () => {
    const entries = catalogEntries();
    expect(new Set(entries.map((e) => e.spec.operation.id)).size).toBe(entries.length);
    for (const { spec } of entries) {
      expect(spec.operation.summary.length, spec.operation.id).toBeGreaterThan(10);
      expect(spec.operation.tag).toBeTruthy();
      expect(PERMISSIONS).toContain(spec.permission);
    }
  });

  it('declares a params schema for exactly the path template segments', () => {
    for (const { path, spec } of catalogEntries()) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared =
        spec.params && 'shape' in spec.params
          ? Object.keys((spec.params as unknown as { shape: object }).shape)
          : [];
      expect(declared.sort(), path).toEqual(names.sort());
    }
  });
});
