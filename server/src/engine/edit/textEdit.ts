/** A replacement of `[offset, end)` in the document text; insertion when offset === end. */
export interface TextEdit {
  offset: number;
  end: number;
  newText: string;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error('Overlapping edits');
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.end);
    limit = edit.offset;
  }
  return result;
}
