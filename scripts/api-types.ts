// `npm run api:types`: writes the typed client's types from the current OpenAPI document.
import { writeFileSync } from 'node:fs';
import { apiSchemaSource, SCHEMA_FILE } from '@/e2e/support/api/schema-source';

writeFileSync(SCHEMA_FILE, await apiSchemaSource());
console.log(`api:types: wrote ${SCHEMA_FILE}`);
