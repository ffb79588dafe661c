import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyEdits, fixesFor, formatFor, lintText, parse, type Analysis, type FileLoader } from '../server/src/engine';
import { bundleSpec, originOf } from './support/bundle';
import { corpusDir } from './support/paths';
import { writerUnder } from './support/scratch';

/** Issue #9: a spec split over files is linted as if it were one, each finding in the file it is written in. */
function loaderFor(root: string): FileLoader {
  return (uri) => {
    const file = fileURLToPath(uri);
    if (!file.startsWith(`${root}${path.sep}`) || !existsSync(file)) return undefined;
    const text = readFileSync(file, 'utf8');
    return parse(text, formatFor(file, text));
  };
}

function lintSplit(file: string, root: string): Analysis {
  const text = readFileSync(file, 'utf8');
  return lintText(text, {
    fileName: file,
    refs: { documentUri: pathToFileURL(file).href, roots: [pathToFileURL(root).href], fileExists: (uri) => existsSync(fileURLToPath(uri)) },
    load: loaderFor(root),
  });
}

const scratch = mkdtempSync(path.join(tmpdir(), 'oas-multi-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const write = writerUnder(scratch);

describe('multi-file specs', () => {
  const root = write(
    'api/openapi.yaml',
    [
      'openapi: 3.0.3',
      'info: {title: t, version: "1"}',
      'servers: [{url: "https://api.example.com", x-internal: false, description: production}]',
      'security: [{bearer: []}]',
      'paths:',
      '  /users/{id}:',
      "    $ref: 'paths/user.yaml'",
      'components:',
      '  securitySchemes:',
      '    bearer: {type: http, scheme: bearer, bearerFormat: JWT}',
      '',
    ].join('\n'),
  );
  write(
    'api/paths/user.yaml',
    [
      'get:',
      '  parameters:',
      '    - {name: id, in: path, required: true, schema: {type: string, format: uuid}}',
      '  responses:',
      "    '200':",
      '      description: OK',
      '      content:',
      '        application/json:',
      "          schema: {$ref: '../schemas/user.yaml#/User'}",
      "    '400': {$ref: '../shared.yaml#/NoSuchResponse'}",
      '',
    ].join('\n'),
  );
  const schemas = write('api/schemas/user.yaml', ['User:', '  type: object', '  additionalProperties: false', '  properties:', '    name:', '      type: string', '      pattern: "^[a-z]+$"', '', ''].join('\n'));
  write('api/shared.yaml', 'Error: {description: error}\n');
  const rootDir = path.join(scratch, 'api');

  it('finds problems in referenced files and reports them there, with the referencing $ref as related information', () => {
    const analysis = lintSplit(root, rootDir);
    const inSchemas = analysis.diagnostics.filter((d) => d.uri === pathToFileURL(schemas).href && d.code === 'owasp:api4:2023-string-limit');
    assert.deepEqual(inSchemas.map((d) => [d.code, d.range.start.line, d.path.join('.')]), [['owasp:api4:2023-string-limit', 5, 'User.properties.name']]);
    assert.deepEqual(inSchemas[0].related?.map((r) => [r.uri, r.range.start.line, r.message]), [[pathToFileURL(path.join(rootDir, 'paths/user.yaml')).href, 8, 'referenced here: ../schemas/user.yaml#/User']]);
    const broken = analysis.diagnostics.filter((d) => d.code === 'unresolved-ref');
    assert.deepEqual(broken.map((d) => [d.uri, d.range.start.line]), [[pathToFileURL(path.join(rootDir, 'paths/user.yaml')).href, 9]], 'a bad pointer into another file is reported where it is written');
    // Findings about the operation stay at the operation, in the file that holds it.
    const missing401 = analysis.diagnostics.find((d) => d.code === 'owasp:api8:2023-define-error-responses-401');
    assert.equal(missing401?.uri, pathToFileURL(path.join(rootDir, 'paths/user.yaml')).href);
    assert.deepEqual(analysis.files.map((f) => path.relative(rootDir, fileURLToPath(f.uri))).sort(), ['paths/user.yaml', 'schemas/user.yaml', 'shared.yaml']);
  });

  it('offers the fixes that edit only the node, applied to that file', () => {
    const analysis = lintSplit(root, rootDir);
    const finding = analysis.findings.find((f) => f.rule.id === 'owasp:api4:2023-string-limit')!;
    const fixes = fixesFor(analysis, finding);
    assert.equal(fixes.length, 1);
    const fixed = applyEdits(readFileSync(schemas, 'utf8'), fixes[0].edits);
    assert.match(fixed, /      pattern: "\^\[a-z\]\+\$"\n      maxLength: \d+/);
    const missing401 = analysis.findings.find((f) => f.rule.id === 'owasp:api8:2023-define-error-responses-401')!;
    assert.deepEqual(fixesFor(analysis, missing401).map((f) => f.scope), fixesFor(analysis, missing401).map(() => 'node'), 'only node-local fixes cross files');
  });

  it('never reads a file outside the root, even through a fragment', () => {
    write('api/schemas/escape.yaml', "Escape: {$ref: '../../outside.yaml#/X'}\n");
    write('outside.yaml', 'X: {type: string}\n');
    const spec = write('api/escape-root.yaml', "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {E: {$ref: 'schemas/escape.yaml#/Escape'}}}\n");
    const analysis = lintSplit(spec, rootDir);
    const outside = analysis.diagnostics.filter((d) => d.code === 'ref-outside-workspace');
    assert.deepEqual(outside.map((d) => d.uri), [pathToFileURL(path.join(rootDir, 'schemas/escape.yaml')).href]);
    assert.ok(!analysis.files.some((f) => f.uri.endsWith('/outside.yaml')));
  });
});

describe('multi-file specs: DigitalOcean split vs bundled', () => {
  const entry = path.join(corpusDir(), 'digitalocean-multi', 'specification', 'DigitalOcean-public.v2.yaml');
  it('gives the same findings (code, file, pointer) split as bundled', (t) => {
    if (!existsSync(entry)) {
      t.skip(`corpus not found at ${entry} (pass --corpus DIR or set OPENAPI_SECURITY_CORPUS)`);
      return;
    }
    const rootDir = path.dirname(entry);
    const split = lintSplit(entry, rootDir);
    const key = (code: string, file: string, pointer: readonly (string | number)[]) => `${code} ${path.relative(rootDir, file)}#/${pointer.join('/')}`;
    const splitKeys = new Set(split.diagnostics.filter((d) => d.finding).map((d) => key(d.code, d.uri ? fileURLToPath(d.uri) : entry, d.path)));
    const bundle = bundleSpec(entry);
    const bundled = lintText(JSON.stringify(bundle.document, null, 1), { format: 'json' });
    const bundledKeys = new Set(
      bundled.diagnostics
        .filter((d) => d.finding)
        .map((d) => {
          const origin = originOf(bundle, entry, d.path.map(String));
          return key(d.code, origin.file, origin.pointer);
        }),
    );
    const onlySplit = [...splitKeys].filter((k) => !bundledKeys.has(k));
    const onlyBundled = [...bundledKeys].filter((k) => !splitKeys.has(k));
    console.log(`DigitalOcean: ${splitKeys.size} findings split, ${bundledKeys.size} bundled, ${split.files.length} files read`);
    assert.deepEqual({ onlySplit: onlySplit.slice(0, 10), onlyBundled: onlyBundled.slice(0, 10) }, { onlySplit: [], onlyBundled: [] });
    assert.ok(splitKeys.size > 1000);
  });
});
