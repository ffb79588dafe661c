// Builds a Spectral ruleset from a user's .spectral.yaml/.json (or, trusted only, .js/.mjs) without
// Spectral's own loader: that one fetches `extends` over http and runs any JS it meets. Here every name
// is resolved against what we ship, files must stay inside the workspace, and code runs only when trusted.
import { Ruleset } from '@stoplight/spectral-core';
import * as formats from '@stoplight/spectral-formats';
import * as coreFunctions from '@stoplight/spectral-functions';
import owaspRuleset from '@stoplight/spectral-owasp-ruleset';
import { arazzo, asyncapi, oas } from '@stoplight/spectral-rulesets';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { unsafeJsonPath, unsafeMessage } from './safePaths';
import { isJavaScriptRuleset } from './types';

export class RulesetError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly character?: number,
  ) {
    super(message);
  }
}

export interface LoadOptions {
  trusted: boolean;
  /** Folders a relative `extends` may point into (the workspace, and the folder of the ruleset itself). */
  roots: string[];
}

type Json = Record<string, unknown>;
type RulesetFunction = (...args: never[]) => unknown;

const BUILT_IN_RULESETS: Record<string, unknown> = { 'spectral:oas': oas, 'spectral:asyncapi': asyncapi, 'spectral:arazzo': arazzo };
const OWASP_PACKAGE = '@stoplight/spectral-owasp-ruleset';
const FORMATS = formats as unknown as Record<string, unknown>;
const FUNCTIONS = coreFunctions as unknown as Record<string, RulesetFunction>;

export async function loadRuleset(file: string, options: LoadOptions): Promise<Ruleset> {
  const context = { ...options, roots: [...options.roots, path.dirname(file)], loading: new Set<string>() };
  const definition = await readDefinition(file, context);
  try {
    return new Ruleset(definition as never, { severity: 'recommended', source: file });
  } catch (error) {
    throw new RulesetError(describeValidation(error), file);
  }
}

interface Context extends LoadOptions {
  loading: Set<string>;
}

async function readDefinition(file: string, context: Context): Promise<Json> {
  if (context.loading.has(file)) throw new RulesetError(`'extends' loops back to ${path.basename(file)}`, file);
  context.loading.add(file);
  try {
    if (!existsSync(file)) throw new RulesetError(`the ruleset file ${file} does not exist`, file);
    if (isJavaScriptRuleset(file)) {
      if (!context.trusted) throw new RulesetError('JavaScript rulesets run only in a trusted workspace (Restricted Mode runs .spectral.yaml/.yml/.json only)', file);
      const loaded = (await importModule(file)) as { default?: unknown };
      const definition = loaded.default ?? loaded;
      if (!definition || typeof definition !== 'object') throw new RulesetError('the JavaScript ruleset exports no ruleset object', file);
      return await normalize(definition as Json, file, context);
    }
    return await normalize(parseRulesetText(file), file, context);
  } finally {
    context.loading.delete(file);
  }
}

function parseRulesetText(file: string): Json {
  const text = readFileSync(file, 'utf8');
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    throw new RulesetError(`syntax error${where}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:$/, '')}`, file, at ? at.line - 1 : undefined, at ? at.col - 1 : undefined);
  }
  const value: unknown = document.toJS();
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RulesetError('a ruleset must be a mapping (with rules, extends, ...)', file);
  return value as Json;
}

async function normalize(definition: Json, file: string, context: Context): Promise<Json> {
  const functions = await customFunctions(definition, file, context);
  const result: Json = { ...definition };
  delete result.functions;
  delete result.functionsDir;
  if (definition.extends !== undefined) result.extends = await resolveExtendsList(definition.extends, file, context);
  if (definition.formats !== undefined) result.formats = resolveFormats(definition.formats, file, 'formats');
  if (definition.rules !== undefined) result.rules = normalizeRules(definition.rules, functions, file, context.trusted);
  if (definition.aliases !== undefined) result.aliases = normalizeAliases(definition.aliases, file, context.trusted);
  if (Array.isArray(definition.overrides)) {
    result.overrides = await Promise.all(
      definition.overrides.map(async (override: Json) => {
        if (!override || typeof override !== 'object') return override;
        const normalized: Json = { ...override };
        if (override.extends !== undefined) normalized.extends = await resolveExtendsList(override.extends, file, context);
        if (override.formats !== undefined) normalized.formats = resolveFormats(override.formats, file, 'overrides.formats');
        if (override.rules !== undefined) normalized.rules = normalizeRules(override.rules, functions, file, context.trusted);
        return normalized;
      }),
    );
  }
  return result;
}

/** `extends`: one ruleset, one `[ruleset, 'all' | 'recommended' | 'off']`, or a list of those. */
async function resolveExtendsList(value: unknown, file: string, context: Context): Promise<unknown> {
  const one = async (entry: unknown) => (isTuple(entry) ? [await resolveExtends(entry[0], file, context), entry[1]] : resolveExtends(entry, file, context));
  if (isTuple(value) || !Array.isArray(value)) return one(value);
  return Promise.all(value.map(one));
}

function isTuple(value: unknown): value is [unknown, string] {
  return Array.isArray(value) && value.length === 2 && !Array.isArray(value[0]) && typeof value[1] === 'string' && ['all', 'recommended', 'off'].includes(value[1]);
}

async function resolveExtends(name: unknown, file: string, context: Context): Promise<unknown> {
  if (typeof name !== 'string') return name; // a JS ruleset may import rulesets itself
  const builtIn = BUILT_IN_RULESETS[name];
  if (builtIn) return builtIn;
  // The OWASP ruleset's README extends it from unpkg: the same ruleset ships with us, so nothing is fetched.
  if (name === OWASP_PACKAGE || /^https:\/\/(unpkg\.com|cdn\.jsdelivr\.net\/npm)\/@stoplight\/spectral-owasp-ruleset(@[^/]+)?(\/|$)/.test(name) || name.startsWith(`${OWASP_PACKAGE}/`)) return owaspRuleset;
  if (/^https?:\/\//i.test(name)) throw new RulesetError(`'extends: ${name}' is not loaded: rulesets never fetch anything over the network (copy it into the workspace and extend the file)`, file);
  if (name.startsWith('.') || path.isAbsolute(name) || /\.(ya?ml|json|m?js|cjs)$/i.test(name)) {
    const target = path.resolve(path.dirname(file), name);
    if (!context.roots.some((root) => isInside(target, root))) throw new RulesetError(`'extends: ${name}' points outside the workspace; it is not read`, file);
    return readDefinition(target, context);
  }
  if (!context.trusted) throw new RulesetError(`'extends: ${name}' names an npm package: packages run only in a trusted workspace (built in: spectral:oas, spectral:asyncapi, spectral:arazzo, ${OWASP_PACKAGE})`, file);
  let resolved: string;
  try {
    resolved = createRequire(file).resolve(name);
  } catch {
    throw new RulesetError(`'extends: ${name}': the package is not installed next to the ruleset`, file);
  }
  const loaded = (await importModule(resolved)) as { default?: unknown };
  return loaded.default ?? loaded;
}

function resolveFormats(value: unknown, file: string, where: string): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((name) => {
    if (typeof name !== 'string') return name;
    const format = FORMATS[name];
    if (typeof format !== 'function') throw new RulesetError(`unknown format '${name}' in ${where}`, file);
    return format;
  });
}

function normalizeRules(rules: unknown, functions: Record<string, RulesetFunction>, file: string, trusted: boolean): unknown {
  if (!rules || typeof rules !== 'object') return rules;
  const result: Json = {};
  for (const [code, rule] of Object.entries(rules as Json)) {
    if (!rule || typeof rule !== 'object') {
      result[code] = rule; // a severity or a boolean: changes a rule from an extended ruleset
      continue;
    }
    const normalized: Json = { ...(rule as Json) };
    const then = (rule as Json).then;
    if (!trusted) checkUntrustedRule(rule as Json, then, file, code);
    if (then !== undefined) normalized.then = Array.isArray(then) ? then.map((t) => normalizeThen(t, functions, file, code)) : normalizeThen(then, functions, file, code);
    if ((rule as Json).formats !== undefined) normalized.formats = resolveFormats((rule as Json).formats, file, `rule '${code}'`);
    result[code] = normalized;
  }
  return result;
}

function normalizeThen(then: unknown, functions: Record<string, RulesetFunction>, file: string, code: string): unknown {
  if (!then || typeof then !== 'object') return then;
  const name = (then as Json).function;
  if (typeof name !== 'string') return then;
  const fn = Object.hasOwn(functions, name) ? functions[name] : Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (typeof fn !== 'function') throw new RulesetError(`rule '${code}' uses an unknown function '${name}' (core functions: ${Object.keys(FUNCTIONS).join(', ')}; custom ones must be listed in 'functions')`, file);
  return { ...(then as Json), function: fn };
}

/** Filter expressions and evaluated messages are code in disguise: data-only forms in an untrusted workspace. */
function checkUntrustedRule(rule: Json, then: unknown, file: string, code: string): void {
  const paths = [rule.given, ...(Array.isArray(then) ? then : [then]).map((t) => (t && typeof t === 'object' ? (t as Json).field : undefined))].flat();
  for (const path of paths) {
    const problem = typeof path === 'string' ? unsafeJsonPath(path) : undefined;
    if (problem) throw new RulesetError(`rule '${code}': the JSONPath ${JSON.stringify(path)} uses ${problem}, which is evaluated as code: such expressions run only in a trusted workspace`, file);
  }
  const message = typeof rule.message === 'string' ? unsafeMessage(rule.message) : undefined;
  if (message) throw new RulesetError(`rule '${code}': its message uses ${message}, which runs only in a trusted workspace`, file);
}

function normalizeAliases(aliases: unknown, file: string, trusted: boolean): unknown {
  if (!aliases || typeof aliases !== 'object') return aliases;
  const result: Json = {};
  for (const [name, alias] of Object.entries(aliases as Json)) {
    if (!trusted) {
      const paths = Array.isArray(alias) ? alias : alias && typeof alias === 'object' && Array.isArray((alias as Json).targets) ? ((alias as Json).targets as Json[]).flatMap((t) => t?.given ?? []) : [];
      for (const path of paths as unknown[]) {
        const problem = typeof path === 'string' ? unsafeJsonPath(path) : undefined;
        if (problem) throw new RulesetError(`alias '${name}': the JSONPath ${JSON.stringify(path)} uses ${problem}, which is evaluated as code: such expressions run only in a trusted workspace`, file);
      }
    }
    const targets = alias && typeof alias === 'object' && !Array.isArray(alias) ? (alias as Json).targets : undefined;
    result[name] = Array.isArray(targets) ? { ...(alias as Json), targets: targets.map((t: Json) => ({ ...t, formats: resolveFormats(t.formats, file, `alias '${name}'`) })) } : alias;
  }
  return result;
}

/** `functions: [name]` loads `<functionsDir>/<name>.js`: workspace code, so only when trusted. */
async function customFunctions(definition: Json, file: string, context: Context): Promise<Record<string, RulesetFunction>> {
  const names = definition.functions;
  if (names === undefined) return {};
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw new RulesetError("'functions' must be a list of names", file);
  if (names.length === 0) return {};
  if (!context.trusted) throw new RulesetError(`custom functions (${names.join(', ')}) run only in a trusted workspace; this ruleset is not run in Restricted Mode`, file);
  const dir = path.resolve(path.dirname(file), typeof definition.functionsDir === 'string' ? definition.functionsDir : 'functions');
  const loaded: Record<string, RulesetFunction> = {};
  for (const name of names as string[]) {
    const candidate = ['.js', '.mjs', '.cjs'].map((ext) => path.join(dir, name + ext)).find((f) => existsSync(f));
    if (!candidate) throw new RulesetError(`custom function '${name}' not found in ${dir}`, file);
    const module = (await importModule(candidate)) as { default?: unknown };
    const fn = module.default ?? module;
    if (typeof fn !== 'function') throw new RulesetError(`${candidate} does not export a function`, file);
    loaded[name] = fn as RulesetFunction;
  }
  return loaded;
}

/** A real dynamic import (CommonJS and ESM files alike; tsc and esbuild both keep `import()` for node20). */
function importModule(file: string): Promise<unknown> {
  return import(pathToFileURL(file).href);
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Spectral's validation errors list every problem; the first lines are enough for one diagnostic. */
function describeValidation(error: unknown): string {
  const inner = (error as { errors?: Array<{ message?: string; path?: unknown[] }> }).errors;
  if (Array.isArray(inner) && inner.length > 0) {
    return `invalid ruleset: ${inner
      .slice(0, 3)
      .map((e) => (Array.isArray(e.path) && e.path.length ? `${e.path.join('.')}: ${e.message}` : String(e.message)))
      .join('; ')}${inner.length > 3 ? ` (and ${inner.length - 3} more)` : ''}`;
  }
  return `invalid ruleset: ${error instanceof Error ? error.message : String(error)}`;
}
