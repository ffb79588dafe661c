import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar } from 'vscode-textmate';
import { repoRoot } from './support/paths';

const SCOPE = 'text.securitytxt';
let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(path.join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== SCOPE) return null;
      const file = path.join(repoRoot, 'syntaxes', 'securitytxt.tmLanguage.json');
      return JSON.parse(readFileSync(file, 'utf8'));
    },
  });
  const loaded = await registry.loadGrammar(SCOPE);
  assert.ok(loaded, 'the grammar loads');
  grammar = loaded;
});

interface Token {
  text: string;
  scopes: string[];
}

function tokenize(text: string): Token[][] {
  let stack = INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The innermost scope of the token with exactly this text on line `line` (0-based). */
function scopeOf(lines: Token[][], line: number, text: string): string[] {
  const token = lines[line].find((t) => t.text === text);
  assert.ok(token, `no token '${text}' on line ${line}: ${JSON.stringify(lines[line].map((t) => t.text))}`);
  return token.scopes;
}

const has = (scopes: string[], scope: string) => assert.ok(scopes.includes(scope), `${scope} not in ${scopes.join(' ')}`);

describe('security.txt TextMate grammar', () => {
  it('scopes field names, separators, URIs, dates, language tags and comments of examples/security.txt', () => {
    const lines = tokenize(readFileSync(path.join(repoRoot, 'examples', 'security.txt'), 'utf8'));
    has(scopeOf(lines, 0, '#'), 'punctuation.definition.comment.securitytxt');
    has(scopeOf(lines, 0, '#'), 'comment.line.number-sign.securitytxt');
    has(scopeOf(lines, 2, 'Contact'), 'keyword.other.field.securitytxt');
    has(scopeOf(lines, 2, ':'), 'punctuation.separator.key-value.securitytxt');
    has(scopeOf(lines, 2, 'mailto:security@example.com'), 'markup.underline.link.securitytxt');
    has(scopeOf(lines, 4, '2027-06-30T23:59:59Z'), 'constant.other.date-time.securitytxt');
    has(scopeOf(lines, 7, 'Preferred-Languages'), 'keyword.other.field.securitytxt');
    has(scopeOf(lines, 7, 'en'), 'constant.other.language-tag.securitytxt');
    has(scopeOf(lines, 7, ','), 'punctuation.separator.comma.securitytxt');
    has(scopeOf(lines, 8, 'https://api.example.com/.well-known/security.txt'), 'markup.underline.link.securitytxt');
    for (const line of lines) for (const token of line) assert.ok(!token.scopes.some((s) => s.startsWith('invalid')), `valid sample has no invalid token: ${token.text}`);
  });

  it('scopes the OpenPGP cleartext signature armor of a signed file, and its fields as in an unsigned one', () => {
    const lines = tokenize(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'security-txt', 'signed.txt'), 'utf8'));
    has(scopeOf(lines, 0, '-----BEGIN PGP SIGNED MESSAGE-----'), 'keyword.control.pgp.armor.securitytxt');
    has(scopeOf(lines, 0, '-----BEGIN PGP SIGNED MESSAGE-----'), 'meta.pgp.signed-header.securitytxt');
    has(scopeOf(lines, 1, 'Hash'), 'keyword.other.pgp.armor-header.securitytxt');
    has(scopeOf(lines, 1, 'SHA512'), 'constant.other.pgp.hash.securitytxt');
    has(scopeOf(lines, 3, '#'), 'punctuation.definition.comment.securitytxt');
    const contact = scopeOf(lines, 4, 'Contact');
    has(contact, 'keyword.other.field.securitytxt');
    assert.ok(!contact.includes('meta.pgp.signed-header.securitytxt'), 'the header region ends at the blank line');
    has(scopeOf(lines, 5, '2027-06-30T23:59:59Z'), 'constant.other.date-time.securitytxt');
    has(scopeOf(lines, 8, '-----BEGIN PGP SIGNATURE-----'), 'keyword.control.pgp.armor.securitytxt');
    const data = lines[10][0];
    has(data.scopes, 'meta.pgp.signature.securitytxt');
    has(data.scopes, 'string.other.pgp.signature.securitytxt');
    has(scopeOf(lines, 13, '=FTs0'), 'constant.other.pgp.checksum.securitytxt');
    has(scopeOf(lines, 14, '-----END PGP SIGNATURE-----'), 'keyword.control.pgp.armor.securitytxt');
    assert.deepEqual(lines[15], [{ text: '', scopes: ['text.securitytxt'] }], 'the signature region is closed');
  });

  it('marks unknown fields, bad lines and dash-escapes differently from known fields', () => {
    const lines = tokenize('X-Custom: some value\nthis is not a field\n- # escaped comment\ncontact: tel:+1-201-555-0123\n');
    has(scopeOf(lines, 0, 'X-Custom'), 'variable.other.field.securitytxt');
    has(scopeOf(lines, 0, 'some'), 'string.unquoted.value.securitytxt');
    has(scopeOf(lines, 1, 'this is not a field'), 'invalid.illegal.line.securitytxt');
    has(scopeOf(lines, 2, '- '), 'constant.character.escape.dash.securitytxt');
    has(scopeOf(lines, 2, '#'), 'punctuation.definition.comment.securitytxt');
    has(scopeOf(lines, 3, 'contact'), 'keyword.other.field.securitytxt');
    has(scopeOf(lines, 3, 'tel:+1-201-555-0123'), 'markup.underline.link.securitytxt');
  });

  it('is what package.json contributes for files named security.txt', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const language = pkg.contributes.languages.find((l: { id: string }) => l.id === 'securitytxt');
    assert.deepEqual(language.filenames, ['security.txt']);
    const config = JSON.parse(readFileSync(path.join(repoRoot, language.configuration), 'utf8'));
    assert.equal(config.comments.lineComment, '#');
    const contributed = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'securitytxt');
    assert.equal(contributed.scopeName, SCOPE);
    assert.equal(JSON.parse(readFileSync(path.join(repoRoot, contributed.path), 'utf8')).scopeName, SCOPE);
    assert.ok(pkg.activationEvents.includes('onLanguage:securitytxt'));
    assert.match(readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8'), /^!syntaxes\/\*\.json$/m, 'the VSIX ships the grammar');
  });
});
