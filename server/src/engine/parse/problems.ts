/** A syntax problem found while parsing, at source offsets. */
export interface ParseProblem {
  message: string;
  offset: number;
  end: number;
  severity: 'error' | 'warning';
  /** The parser's own code (e.g. YAML `BAD_INDENT`), kept for tests and logs. */
  code: string;
}

/** Deeper nesting than this is cut off (and reported) so no stage can overflow the stack. */
export const MAX_NESTING_DEPTH = 1000;
