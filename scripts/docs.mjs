// `npm run docs`: regenerates the README's rules table from the rule metadata (run after `tsc -b`).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { allRules } = require('../out/rules/index.js');
const { withRulesTable } = require('../out/server/src/engine/docs/rulesTable.js');
const readmeUrl = new URL('../README.md', import.meta.url);
writeFileSync(readmeUrl, withRulesTable(readFileSync(readmeUrl, 'utf8'), allRules));
