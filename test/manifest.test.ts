import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { SEVERITIES } from '../server/src/engine';
import * as protocol from '../server/src/protocol';
import { normalizeSettings } from '../server/src/settings';
import { repoRoot } from './support/paths';

interface Property {
  type: string;
  default: unknown;
  scope?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  additionalProperties?: { enum?: string[] };
}

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const properties: Record<string, Property> = pkg.contributes.configuration.properties;
const PREFIX = `${protocol.CONFIG_SECTION}.`;
/** Read by vscode-languageclient itself, never sent to the server. */
const CLIENT_ONLY = new Set(['openapiSecurity.trace.server']);

/** Settings keys as package.json spells them: a nested object is dotted unless it is itself a setting (rules). */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const dotted = prefix + key;
    if (!(PREFIX + dotted in properties) && inner && typeof inner === 'object' && !Array.isArray(inner)) Object.assign(flat, flatten(inner as Record<string, unknown>, `${dotted}.`));
    else flat[dotted] = inner;
  }
  return flat;
}

describe('package.json settings and the server defaults', () => {
  it('every contributed setting has a title, a description, a type, a default and a scope', () => {
    for (const [key, p] of Object.entries(properties)) {
      assert.ok(key.startsWith(PREFIX), key);
      assert.ok(p.title, `${key}: title`);
      assert.ok(p.description || p.markdownDescription, `${key}: description`);
      assert.ok(p.type, `${key}: type`);
      assert.ok('default' in p, `${key}: default`);
      assert.ok(p.scope && ['application', 'machine', 'window', 'resource', 'language-overridable', 'machine-overridable'].includes(p.scope), `${key}: scope ${p.scope}`);
    }
  });

  it('agree key by key: each server setting is contributed with the server default, and nothing else is', () => {
    // Nested server settings (spectral: { ruleset }) are contributed under dotted keys (openapiSecurity.spectral.ruleset).
    const defaults = flatten(protocol.DEFAULT_SETTINGS as unknown as Record<string, unknown>);
    const serverKeys = Object.keys(defaults).sort();
    const contributed = Object.keys(properties).filter((k) => !CLIENT_ONLY.has(k)).map((k) => k.slice(PREFIX.length)).sort();
    assert.deepEqual(contributed, serverKeys);
    for (const key of serverKeys) {
      const expected = defaults[key];
      assert.deepEqual(properties[PREFIX + key].default, expected, key);
      assert.equal(properties[PREFIX + key].type, typeof expected === 'object' ? 'object' : typeof expected, `${key}: type`);
    }
  });

  it('the server, given nothing or garbage, falls back to exactly those defaults', () => {
    assert.deepEqual(normalizeSettings(undefined), protocol.DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ enable: 'yes', rules: 3, run: 'always', maxFileSizeMB: -1 }), protocol.DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ enable: false, rules: { a: 'OFF', b: 'Information' }, run: 'onSave', maxFileSizeMB: 0.5 }), { enable: false, rules: { a: 'off', b: 'info' }, run: 'onSave', maxFileSizeMB: 0.5, spectral: { ruleset: '' } });
    assert.deepEqual(normalizeSettings({ spectral: { ruleset: ' rules/.spectral.yaml ' } }).spectral, { ruleset: 'rules/.spectral.yaml' });
    assert.deepEqual(normalizeSettings({ spectral: { ruleset: 42 } }).spectral, protocol.DEFAULT_SETTINGS.spectral);
  });

  it('enums are the values the server accepts', () => {
    assert.deepEqual(properties['openapiSecurity.run'].enum, ['onType', 'onSave'] satisfies protocol.RunSetting[]);
    for (const value of properties['openapiSecurity.run'].enum!) assert.equal(normalizeSettings({ run: value }).run, value);
    assert.deepEqual(properties['openapiSecurity.rules'].additionalProperties?.enum, [...SEVERITIES, 'off']);
  });
});

describe('package.json commands, menus and capabilities', () => {
  const commands: Array<{ command: string; title: string; category?: string }> = pkg.contributes.commands;
  const ids = commands.map((c) => c.command);

  it('contributes exactly the commands the client registers (protocol.ts ids), each with a title in our category', () => {
    const expected = [protocol.FIX_ALL_COMMAND, protocol.SHOW_REPORT_COMMAND, protocol.RESTART_SERVER_COMMAND, protocol.SHOW_OUTPUT_COMMAND, protocol.DISABLE_RULE_COMMAND];
    assert.deepEqual([...ids].sort(), [...expected].sort());
    for (const c of commands) assert.ok(c.title && c.category === 'OpenAPI Security', c.command);
    const client = readFileSync(path.join(repoRoot, 'client', 'src', 'commands.ts'), 'utf8');
    for (const name of ['FIX_ALL_COMMAND', 'SHOW_REPORT_COMMAND', 'RESTART_SERVER_COMMAND', 'SHOW_OUTPUT_COMMAND', 'DISABLE_RULE_COMMAND']) {
      assert.match(client, new RegExp(`registerCommand\\(${name},`), name);
    }
  });

  it('menus name contributed commands only, each with a when clause', () => {
    for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, Array<{ command: string; when?: string }>>)) {
      for (const item of items) {
        assert.ok(ids.includes(item.command), `${menu}: ${item.command}`);
        assert.ok(item.when, `${menu}: ${item.command} has a when clause`);
      }
    }
    const context = pkg.contributes.menus['editor/context'].map((i: { command: string }) => i.command);
    assert.deepEqual(context.sort(), [protocol.FIX_ALL_COMMAND, protocol.SHOW_REPORT_COMMAND].sort());
  });

  it('declares limited untrusted-workspace support, restricting settings that exist', () => {
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.description);
    assert.ok(untrusted.restrictedConfigurations.length > 0);
    for (const key of untrusted.restrictedConfigurations) assert.ok(properties[key], key);
  });

  it('activates on the documents it lints only, never on startup', () => {
    for (const event of pkg.activationEvents as string[]) {
      assert.ok(event.startsWith('onLanguage:') || event.startsWith('workspaceContains:'), event);
      assert.notEqual(event, '*');
    }
    for (const language of protocol.DOCUMENT_LANGUAGES) assert.ok(pkg.activationEvents.includes(`onLanguage:${language}`), language);
  });

  it('has a 128x128 PNG icon, Linters among its categories, and engines.vscode matching vscode-languageclient and @types/vscode', () => {
    const icon = readFileSync(path.join(repoRoot, pkg.icon));
    assert.equal(icon.toString('ascii', 1, 4), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    assert.ok(pkg.categories.includes('Linters'));
    const client = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'));
    const types = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8'));
    const floor = (range: string) => range.replace(/^[\^~>=]+/, '');
    // The extension cannot run on a VS Code older than its language client allows.
    assert.equal(floor(pkg.engines.vscode), floor(client.engines.vscode));
    // Typings no newer than the floor: the client cannot call an API the oldest supported VS Code lacks.
    assert.equal(types.version, floor(pkg.engines.vscode));
    assert.ok(existsSync(path.join(repoRoot, 'CHANGELOG.md')) && existsSync(path.join(repoRoot, 'SECURITY.md')) && existsSync(path.join(repoRoot, 'LICENSE')));
  });
});
