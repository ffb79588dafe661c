/**
 * security.txt (RFC 9116) as lines: comments, `Field: value` lines and, for a signed file, the
 * OpenPGP cleartext signature framework around them (RFC 4880 section 7). Offsets are into the
 * text as written, so dash-escaped lines of a signed file still map back exactly.
 */
import { detectEol, LineIndex } from '../lineIndex';

export interface SecurityTxtField {
  /** The field name as written (field names are case-insensitive). */
  name: string;
  nameOffset: number;
  nameEnd: number;
  value: string;
  valueOffset: number;
  valueEnd: number;
  /** 0-based line. */
  line: number;
}

export interface TextSpan {
  offset: number;
  end: number;
}

export interface StructureProblem extends TextSpan {
  message: string;
}

export interface SignedParts {
  /** The `Hash:` armor header values (e.g. `SHA256`). */
  hashes: string[];
  /** The `-----BEGIN PGP SIGNATURE-----` line, when present. */
  signature: TextSpan | undefined;
}

export interface SecurityTxtDocument {
  text: string;
  lines: LineIndex;
  eol: '\n' | '\r\n';
  fields: SecurityTxtField[];
  /** Lines in the body that are neither blank, nor comments, nor `Field: value`. */
  invalid: TextSpan[];
  /** Problems of the signed-message framing. */
  structure: StructureProblem[];
  signed: SignedParts | undefined;
  /** The lines that hold fields: everything for an unsigned file, the signed text for a signed one. */
  body: { firstLine: number; endLine: number };
}

export const SIGNED_MESSAGE_BEGIN = '-----BEGIN PGP SIGNED MESSAGE-----';
export const SIGNATURE_BEGIN = '-----BEGIN PGP SIGNATURE-----';
export const SIGNATURE_END = '-----END PGP SIGNATURE-----';

const BOM = '\uFEFF';

/** RFC 5322 field-name: printable US-ASCII except the colon. */
const FIELD_LINE = /^([!-9;-~]+):[ \t]*(.*?)[ \t]*$/;

interface RawLine {
  offset: number;
  /** End of the line's content, before the line break. */
  end: number;
  text: string;
}

function rawLines(text: string, lines: LineIndex): RawLine[] {
  return lines.lineStarts.map((offset, i) => {
    let end = i + 1 < lines.lineStarts.length ? lines.lineStarts[i + 1] : text.length;
    if (end > offset && text[end - 1] === '\n') end--;
    if (end > offset && text[end - 1] === '\r') end--;
    return { offset, end, text: text.slice(offset, end) };
  });
}

export function parseSecurityTxt(text: string): SecurityTxtDocument {
  const lines = new LineIndex(text);
  const raw = rawLines(text, lines);
  const doc: SecurityTxtDocument = { text, lines, eol: detectEol(text), fields: [], invalid: [], structure: [], signed: undefined, body: { firstLine: 0, endLine: raw.length } };
  const trimmed = (i: number) => raw[i].text.trimEnd();
  const begin = raw.findIndex((l) => l.text.trimEnd() === SIGNED_MESSAGE_BEGIN);
  const sigIndex = raw.findIndex((l) => l.text.trimEnd() === SIGNATURE_BEGIN);
  if (begin < 0) {
    if (sigIndex >= 0) {
      doc.structure.push({ ...span(raw[sigIndex]), message: `A signature block without '${SIGNED_MESSAGE_BEGIN}' before the signed text: nothing here is signed.` });
      doc.body.endLine = sigIndex;
    }
    readBody(doc, raw, doc.body.firstLine, doc.body.endLine, false);
    return doc;
  }
  doc.signed = { hashes: [], signature: undefined };
  const firstContent = raw.findIndex((l) => l.text.trim() !== '');
  if (firstContent < begin) {
    doc.structure.push({ ...span(raw[firstContent]), message: `Text before '${SIGNED_MESSAGE_BEGIN}' is not covered by the signature; the signed message must start the file.` });
  }
  // Armor headers run from the line after BEGIN to the blank line; a field line there means the blank line is missing.
  let i = begin + 1;
  let bodyStart = -1;
  for (; i < raw.length; i++) {
    const line = trimmed(i);
    if (line === '') {
      bodyStart = i + 1;
      break;
    }
    const hash = /^Hash:\s*(.*)$/.exec(line);
    if (hash) doc.signed.hashes.push(...hash[1].split(',').map((h) => h.trim()).filter(Boolean));
    else if (/^(Version|Comment|MessageID|Charset):/.test(line)) doc.structure.push({ ...span(raw[i]), message: `Only 'Hash:' armor headers may follow '${SIGNED_MESSAGE_BEGIN}'.` });
    else {
      doc.structure.push({ ...span(raw[i]), message: `A blank line must separate the 'Hash:' header from the signed text.` });
      bodyStart = i;
      break;
    }
  }
  if (bodyStart < 0) bodyStart = i;
  if (doc.signed.hashes.length === 0) {
    doc.structure.push({ ...span(raw[begin]), message: `The signed message has no 'Hash:' armor header naming the digest algorithm (e.g. 'Hash: SHA512').` });
  }
  const signatureAt = raw.findIndex((l, n) => n >= bodyStart && l.text.trimEnd() === SIGNATURE_BEGIN);
  doc.body = { firstLine: bodyStart, endLine: signatureAt >= 0 ? signatureAt : raw.length };
  readBody(doc, raw, doc.body.firstLine, doc.body.endLine, true);
  if (signatureAt < 0) {
    doc.structure.push({ ...span(raw[begin]), message: `The signed message has no '${SIGNATURE_BEGIN}' block after its text: the signature is missing.` });
    return doc;
  }
  doc.signed.signature = span(raw[signatureAt]);
  const endAt = raw.findIndex((l, n) => n > signatureAt && l.text.trimEnd() === SIGNATURE_END);
  if (endAt < 0) {
    doc.structure.push({ ...span(raw[signatureAt]), message: `The signature block is not closed by '${SIGNATURE_END}'.` });
    return doc;
  }
  const hasData = raw.slice(signatureAt + 1, endAt).some((l) => /^[A-Za-z0-9+/=]+$/.test(l.text.trim()));
  if (!hasData) doc.structure.push({ ...span(raw[signatureAt]), message: 'The signature block holds no signature data.' });
  const after = raw.findIndex((l, n) => n > endAt && l.text.trim() !== '');
  if (after >= 0) doc.structure.push({ ...span(raw[after]), message: `Text after '${SIGNATURE_END}' is not covered by the signature.` });
  return doc;
}

function span(line: RawLine): TextSpan {
  return { offset: line.offset, end: line.end };
}

function readBody(doc: SecurityTxtDocument, raw: RawLine[], from: number, to: number, signed: boolean): void {
  for (let n = from; n < to; n++) {
    let { offset, text } = raw[n];
    if (offset === 0 && text.startsWith(BOM)) {
      offset = 1;
      text = text.slice(1);
    }
    if (signed && text.startsWith('-')) {
      // RFC 4880 dash-escaping: "- " prefixes a signed line that starts with a dash.
      if (text.startsWith('- ')) {
        offset += 2;
        text = text.slice(2);
      } else {
        doc.structure.push({ ...span(raw[n]), message: "A line of signed text that starts with '-' must be dash-escaped as '- -'." });
        continue;
      }
    }
    if (text.trim() === '' || text.startsWith('#')) continue;
    const match = FIELD_LINE.exec(text);
    if (!match) {
      doc.invalid.push({ offset, end: offset + text.trimEnd().length });
      continue;
    }
    const name = match[1];
    const valueStart = text.indexOf(':') + 1 + (/^[ \t]*/.exec(text.slice(text.indexOf(':') + 1))?.[0].length ?? 0);
    doc.fields.push({ name, nameOffset: offset, nameEnd: offset + name.length, value: match[2], valueOffset: offset + valueStart, valueEnd: offset + valueStart + match[2].length, line: n });
  }
}

/** An edit that inserts `content` as a new line before line `line` (0-based; the line count: at the end). */
export function insertLineBefore(doc: SecurityTxtDocument, line: number, content: string): { offset: number; end: number; newText: string } {
  if (line < doc.lines.lineCount) {
    // Never in front of a byte order mark.
    const offset = line === 0 && doc.text.startsWith(BOM) ? 1 : doc.lines.lineStarts[line];
    return { offset, end: offset, newText: content + doc.eol };
  }
  const offset = doc.text.length;
  return { offset, end: offset, newText: (offset > 0 ? doc.eol : '') + content };
}
