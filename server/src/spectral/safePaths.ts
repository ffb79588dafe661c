/**
 * Declarative rulesets are not as declarative as they look: Spectral compiles JSONPath filter expressions
 * (`$..[?(@.x === 'y')]`) into JavaScript, so `?(@.constructor.constructor('...')())` in a `.spectral.yaml`
 * runs code, and `#{{...}}` in a message evaluates an expression. In an untrusted workspace such strings must
 * stay inside a small, data-only language: comparisons and methods of the values, never a way to a constructor
 * or a global.
 */

/** Members that lead from a value to a function constructor or to the prototype chain. */
const FORBIDDEN_MEMBERS = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'caller', 'callee', 'arguments', 'call', 'apply', 'bind']);
/** The only names an expression may use on its own (not after a `.`). */
const FREE_NAMES = new Set(['true', 'false', 'null', 'undefined', 'typeof', 'void']);
const OPERATORS = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '%', '?', ':', ',', '(', ')', '.', '[', ']'];

/** Why a JSONPath is refused in an untrusted workspace; undefined when it is safe. */
export function unsafeJsonPath(path: string): string | undefined {
  // A tagged template calls a function without parentheses; a filter without them would escape the check below.
  if (path.includes('`')) return 'a backtick';
  if (/\[\s*\?(?!\s*\()/.test(path)) return 'a filter without parentheses';
  if (!path.includes('(')) return undefined; // no filter or script expression: plain navigation
  let rest = path;
  for (;;) {
    const start = rest.search(/\[\s*\??\s*\(/);
    if (start < 0) return rest.includes('(') ? 'a parenthesis outside a filter expression' : undefined;
    const open = rest.indexOf('(', start);
    const close = matchingParen(rest, open);
    if (close < 0) return 'an unterminated filter expression';
    const problem = unsafeExpression(rest.slice(open + 1, close));
    if (problem) return problem;
    if (rest.slice(0, start).includes('(')) return 'a parenthesis outside a filter expression';
    rest = rest.slice(close + 1);
  }
}

/** `#{{expression}}` in a message is evaluated; `{{value}}` is only substituted. */
export function unsafeMessage(message: string): string | undefined {
  return /#\{\{/.test(message) ? 'an evaluated message expression (#{{...}})' : undefined;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function unsafeExpression(expression: string): string | undefined {
  let i = 0;
  let previous = '';
  while (i < expression.length) {
    const c = expression[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = expression.indexOf(c, i + 1);
      if (end < 0) return 'an unterminated string';
      // Escapes could spell a forbidden member in a computed access.
      if (expression.slice(i + 1, end).includes('\\')) return 'a string with escapes in a filter expression';
      if (previous === '[' && FORBIDDEN_MEMBERS.has(expression.slice(i + 1, end))) return `'${expression.slice(i + 1, end)}'`;
      previous = 'string';
      i = end + 1;
      continue;
    }
    if (c === '/' && (previous === '' || previous === '(' || previous === ',' || OPERATORS.includes(previous))) {
      const end = regexEnd(expression, i);
      if (end < 0) return 'an unterminated regular expression';
      previous = 'regex';
      i = end;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(expression.slice(i));
    if (number) {
      previous = 'number';
      i += number[0].length;
      continue;
    }
    const name = /^[@$]?[A-Za-z_][\w$]*|^[@$]/.exec(expression.slice(i));
    if (name) {
      const word = name[0];
      if (previous === '.') {
        // `x.constructor.name` (a string: spectral:oas uses it to test for arrays) is the one harmless use.
        const typeName = word === 'constructor' && /^\s*\.\s*name\b/.test(expression.slice(i + word.length));
        if (FORBIDDEN_MEMBERS.has(word) && !typeName) return `the member '${word}'`;
      } else if (!word.startsWith('@') && word !== '$' && !FREE_NAMES.has(word)) return `the name '${word}'`;
      previous = 'name';
      i += word.length;
      continue;
    }
    const operator = OPERATORS.find((op) => expression.startsWith(op, i));
    if (!operator) return `'${c}'`;
    // Computed access only with one literal inside: no way to build a forbidden name.
    if (previous === '[' && operator !== ']' && !/^\s*(\d+|'[^'\\]*'|"[^"\\]*")\s*\]/.test(expression.slice(i))) return 'a computed member access';
    if (operator === '[' && !/^\[\s*(\d+|'[^'\\]*'|"[^"\\]*")\s*\]/.test(expression.slice(i))) return 'a computed member access';
    previous = operator;
    i += operator.length;
  }
  return undefined;
}

function regexEnd(expression: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < expression.length; i++) {
    const c = expression[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      let end = i + 1;
      while (end < expression.length && /[a-z]/.test(expression[end])) end++;
      return end;
    }
  }
  return -1;
}
