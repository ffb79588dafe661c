import type { Fix, Severity } from '../rule';
import type { SecurityTxtDocument } from './parse';

/** Where the file lives, when known: a web URL, a `file:` URI or a file path. */
export type SecurityTxtLocation = string | undefined;

export interface SecurityTxtReport {
  offset: number;
  end: number;
  message: string;
  /** Safe edits, computed with the finding: they are small and need `now`. */
  fixes?: Fix[];
}

export interface SecurityTxtContext {
  doc: SecurityTxtDocument;
  /** The clock the Expires checks use: passed in, so results do not depend on when tests run. */
  now: Date;
  location: SecurityTxtLocation;
  report(report: SecurityTxtReport): void;
}

/** A security.txt rule: a smaller shape than OpenAPI rules, with its RFC 9116 section instead of an OWASP category. */
export interface SecurityTxtRule {
  /** `securitytxt:<name>`. */
  id: string;
  title: string;
  severity: Severity;
  /** RFC 9116 section, e.g. `2.5.5`. */
  section: string;
  docs: { summary: string; why: string; howToFix: string };
  /** Whether it can offer a quick fix. */
  fixable: boolean;
  check(context: SecurityTxtContext): void;
}
