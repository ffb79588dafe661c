#!/usr/bin/env node
// The `openapi-security` command: starts the CLI bundle (cliMain.js, beside this file) with the V8 code
// cache the build wrote for it (cliMain.cache), so a CI job's single lint does not compile the ~700 KB
// bundle's functions first (about 50 ms of a 0.5 s run). The cache is an optimisation only: missing, made
// for other sources or refused by this Node's V8, the bundle compiles as usual. The cache file starts with
// the bundle it was made from (its byte length, then its bytes), compared byte for byte: no hash, so no
// node:crypto to load (~3.5 ms of every run).
// OPENAPI_SECURITY_DEBUG_CODE_CACHE=1 says which on stderr.
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

type CacheState = 'used' | 'absent' | 'stale' | 'rejected';
interface CliMain {
  main(): void;
}

const bundlePath = path.join(__dirname, 'cliMain.js');
const cachePath = path.join(__dirname, 'cliMain.cache');

/** What a cache file made from `bundle` starts with. */
function cacheHeader(bundle: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bundle.length);
  return Buffer.concat([length, bundle]);
}

function compileWithCache(): { exports: CliMain; state: CacheState; script: vm.Script; bundleBytes: Buffer } {
  const bundleBytes = readFileSync(bundlePath);
  const source = bundleBytes.toString('utf8');
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(cachePath);
  } catch {
    cache = undefined;
  }
  const headerLength = 4 + bundleBytes.length;
  const matches = cache !== undefined && cache.length > headerLength && cache.readUInt32LE(0) === bundleBytes.length && cache.subarray(4, headerLength).equals(bundleBytes);
  const script = new vm.Script(Module.wrap(source), { filename: bundlePath, cachedData: matches ? cache!.subarray(headerLength) : undefined });
  const state: CacheState = cache === undefined ? 'absent' : !matches ? 'stale' : script.cachedDataRejected ? 'rejected' : 'used';
  // The same module object `require` would make, so the bundle's own `require` and paths behave as usual.
  const bundle = new Module(bundlePath, module);
  bundle.filename = bundlePath;
  bundle.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const localRequire = Object.assign((id: string) => bundle.require(id), { resolve: require.resolve, main: require.main, cache: require.cache, extensions: require.extensions });
  wrapper.call(bundle.exports, bundle.exports, localRequire, bundle, bundlePath, __dirname);
  bundle.loaded = true;
  return { exports: bundle.exports as CliMain, state, script, bundleBytes };
}

function start(): void {
  const loaded = compileWithCache();
  if (process.env.OPENAPI_SECURITY_DEBUG_CODE_CACHE) process.stderr.write(`openapi-security: code cache ${loaded.state}\n`);
  // The build (scripts/codeCache.mjs) runs a lint with this set, then keeps what V8 compiled for it.
  const writeTo = process.env.OPENAPI_SECURITY_WRITE_CODE_CACHE;
  if (writeTo) {
    const { script, bundleBytes } = loaded;
    process.on('exit', () => writeFileSync(writeTo, Buffer.concat([cacheHeader(bundleBytes), script.createCachedData()])));
  }
  loaded.exports.main();
}

start();
