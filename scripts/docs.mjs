// `npm run docs`: regenerates the README's rules table and docs/rules.md from the rule metadata (after `tsc -b`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { allRules } = require('../out/rules/index.js');
const { withRulesTable } = require('../out/server/src/engine/docs/rulesTable.js');
const { rulesReference } = require('../out/server/src/engine/docs/rulesReference.js');
const readmeUrl = new URL('../README.md', import.meta.url);
writeFileSync(readmeUrl, withRulesTable(readFileSync(readmeUrl, 'utf8'), allRules));
mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/rules.md', import.meta.url), rulesReference(allRules));
const { configSchema } = require('../out/server/src/engine/docs/configSchema.js');
mkdirSync(new URL('../schemas/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schemas/openapi-security.schema.json', import.meta.url), `${JSON.stringify(configSchema(allRules), null, 2)}\n`);
