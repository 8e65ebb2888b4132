// The committed client types are the ones the current document generates.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSchemaSource, SCHEMA_FILE } from './schema-source';

describe('the typed API client', () => {
  it('is generated from the current OpenAPI document (else: npm run api:types)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8') === (await apiSchemaSource())).toBe(true);
  }, 30_000);
});
