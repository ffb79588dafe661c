import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { allRules, CONFIG_FILE_NAME, parseConfig } from '../server/src/engine';
import { configSchema } from '../server/src/engine/docs/configSchema';
import { CONFIG_FILE } from '../server/src/protocol';
import { repoRoot } from './support/paths';

const schemaPath = path.join(repoRoot, 'schemas/openapi-security.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));

const GOOD = `rules:
  owasp:api4:2023-rate-limit: off
  owasp:api8:2023-no-server-http: warning
ignore:
  files: ['legacy/**']
  findings:
    - /paths/~1internal*/**
    - { rule: owasp:api9:2023-inventory-access, path: /servers }
failOn: warning
maxFileSizeMB: 5
`;

describe('schemas/openapi-security.schema.json', () => {
  it('is generated from the current rules (npm run docs)', () => {
    assert.deepEqual(schema, configSchema(allRules));
  });

  it('accepts what the config parser accepts and rejects what it reports', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.deepEqual(parseConfig(GOOD).problems, []);
    assert.ok(validate(parseYaml(GOOD)), JSON.stringify(validate.errors));
    for (const bad of ['rules: {owasp:api4:2023-rate-limit: loud}', 'rules: {no-such-rule: off}', 'failOn: sometimes', 'colour: red', 'maxFileSizeMB: 0', 'ignore: {findings: [{}]}']) {
      assert.ok(!validate(parseYaml(bad)), bad);
    }
  });

  it('is registered for completion, and the file name is the same everywhere', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    for (const key of ['yamlValidation', 'jsonValidation']) {
      assert.deepEqual(pkg.contributes[key], [{ fileMatch: CONFIG_FILE, url: './schemas/openapi-security.schema.json' }]);
    }
    assert.equal(CONFIG_FILE, CONFIG_FILE_NAME);
    assert.match(readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8'), /^!schemas\/openapi-security\.schema\.json$/m, 'shipped in the VSIX');
  });
});
