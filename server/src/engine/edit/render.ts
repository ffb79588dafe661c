/** Renders small JSON-compatible values (what fixes insert) as YAML or JSON text. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

const YAML_RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/**
 * A string that YAML reads back as the same string without quotes, in block and flow
 * context alike: no indicator first, no `: ` or ` #`, no flow punctuation, not a number.
 */
function isPlainSafe(text: string): boolean {
  return (
    /^[^\s\-?:,[\]{}#&*!|>'"%@`][^\x00-\x1f,[\]{}]*$/.test(text) &&
    !/: |\s#|:$|\s$/.test(text) &&
    !/^[+.]?\d/.test(text) &&
    !/^\.(inf|nan)$/i.test(text) &&
    !YAML_RESERVED.test(text)
  );
}

export function yamlScalar(value: string | number | boolean | null, quote: '"' | "'" = '"'): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (isPlainSafe(value)) return value;
  return quoteYaml(value, quote);
}

export function quoteYaml(value: string, quote: '"' | "'"): string {
  return quote === "'" ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}

/** YAML key text; keys that need quotes (e.g. status codes) take the quote the document already uses. */
export function yamlKey(key: string, quote: '"' | "'" | ''): string {
  if (isPlainSafe(key)) return key;
  if (quote === '' && /^\d+$/.test(key)) return key;
  return quoteYaml(key, quote === '' ? "'" : quote);
}

export function yamlFlow(value: PlainValue, quote: '"' | "'" = '"'): string {
  if (Array.isArray(value)) return `[${value.map((v) => yamlFlow(v, quote)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${yamlKey(k, quote)}: ${yamlFlow(v, quote)}`).join(', ')}}`;
  }
  return yamlScalar(value, quote);
}

/**
 * `key: value` as block YAML lines at `indent` columns; nested levels add `unit` columns.
 * Returns the lines without the final line break.
 */
export function yamlBlockEntry(key: string, value: PlainValue, indent: number, unit: number, eol: string, quote: '"' | "'" | ''): string {
  const pad = ' '.repeat(indent);
  const head = `${pad}${yamlKey(key, quote)}:`;
  const scalarQuote = quote === '' ? '"' : quote;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${head} []`;
    const itemPad = ' '.repeat(indent + unit);
    const item = (v: PlainValue) => {
      const entries = v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : [];
      if (entries.length === 0) return `${itemPad}- ${typeof v === 'object' && v !== null ? yamlFlow(v, scalarQuote) : yamlScalar(v, scalarQuote)}`;
      // A mapping item in block style: its first key on the dash line, the others under it.
      const lines = entries.map(([k, inner]) => yamlBlockEntry(k, inner, indent + unit + 2, unit, eol, quote)).join(eol);
      return `${itemPad}- ${lines.slice(indent + unit + 2)}`;
    };
    return [head, ...value.map(item)].join(eol);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return `${head} {}`;
    return [head, ...entries.map(([k, v]) => yamlBlockEntry(k, v, indent + unit, unit, eol, quote))].join(eol);
  }
  return `${head} ${yamlScalar(value, scalarQuote)}`;
}

/** JSON text for a value whose first line continues an existing line indented by `indent`. */
export function jsonValue(value: PlainValue, indent: string, unit: string, eol: string): string {
  if (unit === '') return JSON.stringify(value);
  return JSON.stringify(value, null, unit).split('\n').join(eol + indent);
}
