import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lspClient';
import { specWithStringProperties } from '../support/syntheticSpec';

/**
 * Hostile and broken input over the real protocol (issue #7). Each case states what the user must
 * see; the server must also stay alive and answer the next case. Time bounds here only catch hangs
 * (speed is measured by `npm run bench`).
 */
const HANG_BOUND_MS = 60_000;
const HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

interface Scenario {
  name: string;
  text: string;
  languageId?: string;
  check: (diagnostics: Diagnostic[], text: string) => void;
}

const codesOf = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));
const only = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);
const msg = (d: Diagnostic) => String(d.message);
const at = (d: Diagnostic) => [d.range.start.line, d.range.start.character];

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  }
  return `${HEAD}x-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

function mergeKeyBomb(): string {
  const lines = ['a: &a {k0: 1, k1: 2}'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} {${Array.from({ length: 9 }, (_, k) => `m${k}: {<<: *${String.fromCharCode(96 + i)}}`).join(', ')}}`);
  }
  return `${HEAD}x-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

const SCENARIOS: Scenario[] = [
  {
    name: '1. YAML alias bomb (9 levels x 9)',
    text: aliasBomb(),
    check: (ds) => assert.deepEqual(codesOf(ds), ['alias-expansion-limit']),
  },
  {
    name: '1. alias bomb through merge keys',
    text: mergeKeyBomb(),
    check: (ds) => assert.deepEqual(codesOf(ds), ['alias-expansion-limit']),
  },
  {
    name: '2. self-referencing anchor and circular $refs',
    text: `${HEAD}x-self: &self [*self]\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n    Node: {type: object, additionalProperties: false, properties: {next: {$ref: '#/components/schemas/Node'}}}\n`,
    check: (ds) => {
      assert.deepEqual(only(ds, 'circular-ref').map(at), [[6, 14], [7, 14]]);
      assert.equal(only(ds, 'unresolved-ref').length, 0, 'a self-referencing schema is fine');
    },
  },
  {
    name: '3. 20,000 nested [',
    text: `${HEAD}x: ${'['.repeat(20000)}`,
    check: (ds) => assert.match(msg(ds[0]), /too deep|deeper than/),
  },
  {
    name: '3. 3,000 nested block levels',
    text: `${HEAD}x:\n${Array.from({ length: 3000 }, (_, n) => `${' '.repeat(n + 1)}k${n}:`).join('\n')}\n`,
    check: (ds) => assert.ok(ds.some((d) => /deeper than 1000 levels/.test(msg(d)))),
  },
  {
    name: '3. 20,000 nested [ in JSON',
    languageId: 'json',
    text: `{"openapi": "3.0.3", "x": ${'['.repeat(20000)}`,
    check: (ds) => assert.ok(ds.some((d) => /too deep|deeper than 1000 levels/.test(msg(d)))),
  },
  {
    name: '7. duplicate keys',
    text: `${HEAD}info: {title: u, version: '2'}\n`,
    check: (ds) => assert.deepEqual(only(ds, 'parse-error').map((d) => [at(d), msg(d)]), [[[3, 0], 'Map keys must be unique: `info` is already defined in this mapping.']]),
  },
  {
    name: '7. tab indentation',
    text: 'openapi: 3.0.3\ninfo:\n\ttitle: t\npaths: {}\n',
    check: (ds) => assert.ok(only(ds, 'parse-error').some((d) => /tab/i.test(msg(d)) && d.range.start.line === 2)),
  },
  {
    name: '7. several YAML documents',
    text: `${HEAD}---\nopenapi: 3.0.3\n`,
    check: (ds) => assert.deepEqual(only(ds, 'parse-error').map((d) => [d.range.start.line, msg(d)]), [[3, 'This file holds more than one YAML document (`---`); only the first one is linted.']]),
  },
  {
    name: '7. git conflict markers',
    text: "openapi: 3.0.3\n<<<<<<< HEAD\ninfo: {title: t, version: '1'}\n=======\ninfo: {title: u, version: '2'}\n>>>>>>> branch\npaths: {}\n",
    check: (ds) => assert.ok([1, 3, 5].every((line) => only(ds, 'parse-error').some((d) => d.range.start.line === line)), 'each marker line is reported'),
  },
  {
    name: '7. !!binary, !!js/function and unknown tags',
    text: `${HEAD}x-bin: !!binary aGVsbG8=\nx-fn: !!js/function 'function () { require("fs").writeFileSync("/tmp/pwned", "") }'\nx-tag: !custom value\n`,
    check: (ds) => assert.deepEqual(only(ds, 'parse-error').map((d) => [d.range.start.line, msg(d)]), [[4, 'Unresolved tag: tag:yaml.org,2002:js/function'], [5, 'Unresolved tag: !custom']]),
  },
  {
    name: '7. __proto__ and constructor keys',
    text: `${HEAD}__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\ncomponents: {schemas: {__proto__: {type: object, additionalProperties: false}}}\n`,
    check: (ds) => {
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.ok(!codesOf(ds).includes('internal-error'));
    },
  },
  {
    name: '7. huge numbers',
    text: `${HEAD}components: {schemas: {N: {type: integer, format: int64, minimum: -1e400, maximum: ${'9'.repeat(5000)}}, S: {type: string, maxLength: 1e400}}}\n`,
    check: (ds) => {
      assert.ok(!codesOf(ds).includes('internal-error'));
      assert.deepEqual(only(ds, 'owasp:api4:2023-integer-limit-legacy').length + only(ds, 'owasp:api4:2023-integer-limit').length, 0, 'minimum and maximum are there');
    },
  },
  {
    name: '8. NUL, BOM, lone surrogate and emoji before a finding',
    text: `\uFEFFopenapi: 3.0.3\ninfo: {title: "a\u0000b\uD800😀", version: '1'}\nservers: [{description: "😀😀", url: "http://api.example.com"}]\npaths: {}\n`,
    check: (ds) => {
      const http = only(ds, 'owasp:api8:2023-no-server-http');
      // Two emoji are four UTF-16 code units: the quoted URL starts at character 37 of line 2.
      assert.deepEqual(http.map((d) => [at(d), d.range.end.character]), [[[2, 37], 61]]);
    },
  },
  {
    name: '8. emoji before a syntax error',
    text: 'openapi: 3.0.3\ninfo: {title: "😀😀😀", version: \'1\'}}\npaths: {}\n',
    // Three emoji are six code units: the stray `}` is character 37, not 34 (code points) or 46 (bytes).
    check: (ds) => assert.deepEqual(only(ds, 'parse-error').map(at).slice(0, 1), [[1, 37]]),
  },
  {
    name: '11. JSON with comments and trailing commas',
    languageId: 'jsonc',
    text: '{\n  // the API\n  "openapi": "3.0.3",\n  "info": {"title": "t", "version": "1",},\n  /* servers */\n  "servers": [{"url": "http://api.example.com"},],\n  "paths": {},\n}\n',
    check: (ds) => {
      assert.equal(only(ds, 'parse-error').length, 0, 'comments and trailing commas are accepted');
      assert.deepEqual(only(ds, 'owasp:api8:2023-no-server-http').map(at), [[5, 22]]);
    },
  },
  {
    name: '10. 60,000 findings',
    text: specWithStringProperties(30_000),
    check: (ds) => {
      assert.equal(ds.length, 1001);
      const summary = ds[1000];
      assert.equal(summary.code, 'too-many-findings');
      assert.match(msg(summary), /^59000 more problems are not shown: the editor shows the first 1000 of 60000\./);
    },
  },
];

describe('robustness: hostile and broken documents over the protocol', () => {
  let client: LspTestClient;
  const timings: string[] = [];
  before(async () => {
    // The hang bound, not the product's 30 s default, limits each lint here: CI machines are shared.
    client = await LspTestClient.start({ initializationOptions: { debounceMs: 0, limits: { lintTimeoutMs: HANG_BOUND_MS } } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
    console.log(`robustness timings (open -> diagnostics):\n${timings.join('\n')}`);
  });

  SCENARIOS.forEach((scenario, n) => {
    it(scenario.name, async () => {
      const uri = `file:///robustness/case${n}.${scenario.languageId === 'json' || scenario.languageId === 'jsonc' ? 'json' : 'yaml'}`;
      const started = performance.now();
      await client.open(uri, scenario.languageId ?? 'yaml', scenario.text);
      const published = await client.diagnosticsFor(uri, 1, HANG_BOUND_MS);
      const elapsed = performance.now() - started;
      timings.push(`${scenario.name}: ${elapsed.toFixed(0)} ms`);
      assert.ok(elapsed < HANG_BOUND_MS, `answered in ${elapsed.toFixed(0)} ms`);
      assert.ok(!codesOf(published.diagnostics).includes('internal-error'), JSON.stringify(published.diagnostics.slice(0, 3)));
      scenario.check(published.diagnostics, scenario.text);
      await client.close(uri);
    });
  });
});

describe('robustness: references never reach the network or leave the workspace', () => {
  let client: LspTestClient;
  let listener: Server;
  let connections = 0;
  let port = 0;
  let sandbox: string;
  before(async () => {
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as { port: number }).port;
    sandbox = mkdtempSync(path.join(tmpdir(), 'oas-refs-'));
    mkdirSync(path.join(sandbox, 'workspace', 'api'), { recursive: true });
    writeFileSync(path.join(sandbox, 'workspace', 'api', 'common.yaml'), 'Error: {type: object}\n');
    writeFileSync(path.join(sandbox, 'secret.yaml'), 'must: never be read\n');
    client = await LspTestClient.start({ initializationOptions: { debounceMs: 0 }, workspaceFolders: [pathToFileURL(path.join(sandbox, 'workspace')).href] });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
    await new Promise((resolve) => listener.close(resolve));
    rmSync(sandbox, { recursive: true, force: true });
  });

  it('names remote $refs (loopback and link-local metadata) without connecting to them', async () => {
    const uri = pathToFileURL(path.join(sandbox, 'workspace', 'api', 'remote.yaml')).href;
    const text = `${HEAD}components:\n  schemas:\n    A: {$ref: 'http://127.0.0.1:${port}/schemas.yaml#/A'}\n    B: {$ref: 'http://169.254.169.254/latest/meta-data/'}\n    C: {$ref: 'https://127.0.0.1:${port}/b.json'}\n`;
    await client.open(uri, 'yaml', text);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(only(diagnostics, 'remote-ref').map((d) => [d.range.start.line, d.severity]), [[5, 2], [6, 2], [7, 2]]);
    assert.match(msg(only(diagnostics, 'remote-ref')[1]), /^Remote reference `http:\/\/169\.254\.169\.254\/latest\/meta-data\/` is not fetched/);
    // Hover and code actions resolve nothing remote either.
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 20 } });
    assert.equal(connections, 0, 'nothing connected to the loopback listener');
  });

  it('refuses paths outside the workspace and reports missing files and broken pointers', async () => {
    const uri = pathToFileURL(path.join(sandbox, 'workspace', 'api', 'local.yaml')).href;
    const text = [
      HEAD.trimEnd(),
      'components:',
      '  schemas:',
      "    Passwd: {$ref: '../../../../../../../etc/passwd'}",
      "    Sibling: {$ref: '../../secret.yaml'}",
      "    Absolute: {$ref: 'file:///etc/shadow'}",
      "    Missing: {$ref: './missing.yaml#/Error'}",
      "    Common: {$ref: './common.yaml#/Error'}",
      "    Broken: {$ref: '#/components/schemas/Nope'}",
      "    Self: {$ref: 'local.yaml#/components/schemas/Common'}",
      "    SelfBroken: {$ref: 'local.yaml#/nowhere'}",
      '',
    ].join('\n');
    await client.open(uri, 'yaml', text);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const refs = diagnostics.filter((d) => /ref/.test(String(d.code))).map((d) => [d.range.start.line, d.code]);
    assert.deepEqual(refs, [
      [5, 'ref-outside-workspace'],
      [6, 'ref-outside-workspace'],
      [7, 'ref-outside-workspace'],
      [8, 'unresolved-ref'],
      [10, 'unresolved-ref'],
      [12, 'unresolved-ref'],
    ]);
    assert.match(msg(diagnostics.find((d) => d.code === 'ref-outside-workspace')!), /points outside the workspace folder; it is not read/);
  });

  it('treats every file reference as outside when there is no workspace folder', async () => {
    const lonely = await LspTestClient.start({ initializationOptions: { debounceMs: 0 } });
    try {
      const uri = pathToFileURL(path.join(sandbox, 'workspace', 'api', 'lonely.yaml')).href;
      await lonely.open(uri, 'yaml', `${HEAD}components: {schemas: {A: {$ref: './common.yaml#/Error'}}}\n`);
      const { diagnostics } = await lonely.diagnosticsFor(uri, 1);
      assert.deepEqual(codesOf(diagnostics.filter((d) => /ref/.test(String(d.code)))), ['ref-outside-workspace']);
    } finally {
      await lonely.stop();
    }
  });
});
