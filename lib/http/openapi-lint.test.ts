// The published document lints clean with a standard OpenAPI linter: Redocly's `recommended`
// rules, errors and warnings alike (its servers, license, tag descriptions, operation ids,
// summaries, 4xx answers, unused components ...).
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';

async function lint(document: unknown) {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({
    source: JSON.stringify(document),
    absoluteRef: '/api/v1/openapi.json',
    config,
  });
  return problems.map(
    (p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`,
  );
}

describe('the OpenAPI document under Redocly recommended rules', () => {
  it('has no problem, not even a warning', async () => {
    expect(await lint(buildOpenApiDocument())).toEqual([]);
  }, 30_000);

  it('would be reported without its servers and with an undocumented tag (the lint has teeth)', async () => {
    const broken = buildOpenApiDocument() as { servers?: unknown; tags: { name: string }[] };
    delete broken.servers;
    broken.tags.push({ name: 'Undocumented' });
    const problems = await lint(broken);
    expect(problems.some((p) => p.includes('no-empty-servers'))).toBe(true);
    expect(problems.some((p) => p.includes('tag-description'))).toBe(true);
  }, 30_000);
});
