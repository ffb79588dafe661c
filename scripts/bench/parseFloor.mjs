// The floor of a full re-parse: the parser alone on the same text, warm, in this process. YAML with
// `yaml`'s parseDocument (the options the engine uses), JSON with jsonc-parser's parseTree (the engine's
// JSON parser). Our own tree conversion and everything after it are not included.
import { createRequire } from 'node:module';
import { msSince } from './stats.mjs';

const require = createRequire(import.meta.url);
const { parseDocument } = require('yaml');
const { parseTree } = require('jsonc-parser');

export function parseOnce(text, json) {
  const start = process.hrtime.bigint();
  if (json) parseTree(text, [], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  else parseDocument(text, { prettyErrors: false, merge: true, uniqueKeys: false, strict: false, keepSourceTokens: false });
  return msSince(start);
}

/** Two warm-up parses (the parser's code gets optimised), then `reps` timed ones. */
export function parseTimes(text, json, reps) {
  parseOnce(text, json);
  parseOnce(text, json);
  return Array.from({ length: reps }, () => parseOnce(text, json));
}
