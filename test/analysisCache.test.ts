import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, type LintContext } from '../server/src/documentLinter';
import { EMPTY_CONFIG } from '../server/src/engine';
import { DEFAULT_SETTINGS } from '../server/src/protocol';
import { repoRoot } from './support/paths';

const orders = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'orders-3.0.yaml'), 'utf8');
const context = (filesKey: string, settings = DEFAULT_SETTINGS): LintContext => ({ settings, config: EMPTY_CONFIG, refs: { documentUri: 'file:///work/orders.yaml', roots: ['file:///work'] }, filesKey });

/** The server's cache hands each edit the previous analysis of the same document (engine/incremental). */
describe('AnalysisCache: incremental lints between versions', () => {
  it('lints the next version from the previous one, whatever else is open; settings changes lint in full', () => {
    const cache = new AnalysisCache();
    const v1 = TextDocument.create('file:///work/orders.yaml', 'yaml', 1, orders);
    assert.equal(cache.lint(v1, context('[[],0,0]')).engineAnalysis.incremental, undefined);
    const v2 = TextDocument.create(v1.uri, 'yaml', 2, orders.replace('description: The order', 'description: The orders'));
    // Other open documents changed the files key: a single-file spec does not read them.
    assert.equal(cache.lint(v2, context('[[["file:///work/other.yaml",3]],0,0]')).engineAnalysis.incremental, true);
    const v3 = TextDocument.create(v1.uri, 'yaml', 3, orders.replace('description: The order', 'description: The order!'));
    const strict = { ...DEFAULT_SETTINGS, rules: { 'owasp:api4:2023-string-limit': 'off' as const } };
    assert.equal(cache.lint(v3, context('[[],0,0]', strict)).engineAnalysis.incremental, undefined);
    // Asked again for the version it has: the cached analysis, no lint at all.
    const entry = cache.current(v3, context('[[],0,0]', strict));
    assert.equal(cache.current(v3, context('[[],0,0]', strict)), entry);
  });
});
