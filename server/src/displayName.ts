/** A document's name as a reader knows it, for messages: the last segment of its URI, decoded. */
export function displayName(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').split('/').pop() || uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // a malformed escape: the name as written
  }
}
