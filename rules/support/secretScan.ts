/**
 * The document walk shared by the two secret rules: every string scalar, whether it is
 * example data (`example`, `examples`, `default`, `x-` values), the key that says what it
 * is, and the fix that swaps a secret for a placeholder.
 */
import { child, stringValue, type AstNode, type ObjectNode } from '../../server/src/engine/ast';
import type { OpenApiModel } from '../../server/src/engine/model/openApiModel';
import type { TextEdit } from '../../server/src/engine/edit/textEdit';
import type { Fix, FixContext } from '../../server/src/engine/rule';
import { maskSecret, type SecretMatch } from './secrets';

/** Keywords whose content is instance data: what an author pastes from a real request lands here. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'default']);
/** Maps whose keys are names chosen by the author (a property called `example` is not an example). */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'schemas', 'parameters', 'responses', 'headers', 'requestBodies', 'securitySchemes', 'paths', 'webhooks', 'callbacks', 'links', 'content', 'encoding', 'variables']);
export const PLACEHOLDER = '<redacted>';

/** The key that says what a data value is: its own key, or for `example`/`default`, the property or parameter it exemplifies. */
export function meaningfulKey(node: AstNode): string | undefined {
  const parent = node.parent;
  if (typeof node.key === 'number') return typeof parent?.key === 'string' ? parent.key : undefined;
  // `examples: {prod: {value: ...}}` of a parameter or header: the value exemplifies what owns `examples`.
  const owner = node.key === 'value' && parent?.parent?.key === 'examples' ? parent.parent.parent : node.key === 'example' || node.key === 'default' ? parent : undefined;
  if (!owner) return node.key;
  const name = stringValue(child(owner, 'name'));
  return name ?? (typeof owner.key === 'string' ? owner.key : node.key);
}

export type StringVisit = { node: AstNode & { value: string }; inData: boolean };
const stringsByModel = new WeakMap<OpenApiModel, StringVisit[]>();
/**
 * The strings of a split spec's other files, by file root: those are never edited in place (an unchanged file is
 * the same tree on the next lint), unlike the main document's tree, which an incremental lint updates.
 */
const stringsByFile = new WeakMap<AstNode, StringVisit[]>();

/** `strings` of every file of the model, walked once per model for both secret rules. */
export function modelStrings(model: OpenApiModel): StringVisit[] {
  let known = stringsByModel.get(model);
  if (!known) stringsByModel.set(model, (known = model.documentRoots().flatMap((root) => fileStrings(model, root))));
  return known;
}

function fileStrings(model: OpenApiModel, root: ObjectNode): StringVisit[] {
  const file = model.refs.fileOf(root);
  if (!file) return strings(root, model.document.hasAliases === true);
  let known = stringsByFile.get(root);
  if (!known) stringsByFile.set(root, (known = strings(root, file.document.hasAliases === true)));
  return known;
}

const IN_DATA = 1;
const IS_NAME_MAP = 2;

/** Every string scalar of the document with whether it is example data, in document order. `shared`: YAML aliases or merge keys. */
function strings(root: ObjectNode, shared: boolean): StringVisit[] {
  const found: StringVisit[] = [];
  // Two parallel stacks rather than an object per visit: a split spec's first lint walks every node of 1,500 files.
  const nodes: AstNode[] = [root];
  const flags: number[] = [0];
  // Without aliases every node has one place: no set of visited collections is needed.
  const seen = shared ? new Set<AstNode>() : undefined;
  while (nodes.length) {
    const node = nodes.pop()!;
    const flag = flags.pop()!;
    const inData = (flag & IN_DATA) !== 0;
    if (node.kind === 'scalar') {
      if (typeof node.value === 'string') found.push({ node: node as AstNode & { value: string }, inData });
      continue;
    }
    // Only collections can close a cycle (a YAML alias inside its own anchor); scalars need no bookkeeping.
    if (seen) {
      if (seen.has(node)) continue;
      seen.add(node);
    }
    if (node.kind === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--) {
        nodes.push(node.items[i]);
        flags.push(flag & IN_DATA);
      }
      continue;
    }
    const isNameMap = (flag & IS_NAME_MAP) !== 0;
    for (let i = node.properties.length - 1; i >= 0; i--) {
      const { key, value } = node.properties[i];
      if (!value) continue;
      const data = inData || (!isNameMap && (DATA_KEYWORDS.has(key) || key.startsWith('x-')));
      nodes.push(value);
      flags.push(data ? IN_DATA : !isNameMap && NAME_MAPS.has(key) ? IS_NAME_MAP : 0);
    }
  }
  return found;
}

/** Replaces each secret by the placeholder where the value is written verbatim in the source; nothing when it is not (escapes, folded lines). */
function redactEdits(text: string, node: AstNode, spans: Array<[number, number]>): TextEdit[] | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const source = text.slice(node.offset, node.end);
  const edits: TextEdit[] = [];
  for (const [start, end] of spans) {
    const secret = node.value.slice(start, end);
    const at = source.indexOf(secret);
    if (at < 0 || source.indexOf(secret, at + 1) >= 0 || node.value.indexOf(secret) !== node.value.lastIndexOf(secret)) return undefined;
    edits.push({ offset: node.offset + at, end: node.offset + at + secret.length, newText: PLACEHOLDER });
  }
  return edits.length ? edits : undefined;
}

/** The finding's message: what was found, masked, and what to do. */
export function secretMessage(value: string, matches: SecretMatch[], inData: boolean): string {
  const [first] = matches;
  const what = `${first.kind} (${maskSecret(value.slice(first.start, first.end))})${matches.length > 1 ? ` and ${matches.length - 1} more` : ''}`;
  return `${inData ? 'Example data contains' : 'The document contains'} ${what}. Remove it, rotate the credential, and use a placeholder.`;
}

/** The fix of both rules: each secret replaced by the placeholder, when the text allows it. */
export function redactFix({ document, finding }: FixContext): Fix[] {
  const spans = finding.data?.spans as Array<[number, number]> | undefined;
  const edits = spans && redactEdits(document.text, finding.node, spans);
  return edits ? [{ title: `Replace the secret with ${PLACEHOLDER}`, edits, isPreferred: true }] : [];
}
