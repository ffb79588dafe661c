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

/**
 * Expanding aliases beyond this many nodes is reported (never done: aliases share nodes). Real specs
 * stay far below it; the classic 9x9 "billion laughs" bomb expands to 387 million.
 */
export const MAX_ALIAS_EXPANSION = 1_000_000;
