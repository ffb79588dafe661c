/**
 * Glob patterns for file paths (`**`, `*`, `?`, `{a,b}`, `[abc]`), shared by the CLI's file
 * expansion and the config file's `ignore.files`. Paths use `/` separators.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const atStart = i === 0 || pattern[i - 1] === '/';
      const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
      i++;
      if (atStart && atEnd) {
        // `**/` matches zero or more whole directories; a trailing `**` matches everything below.
        if (pattern[i + 1] === '/') {
          source += '(?:[^/]*/)*';
          i++;
        } else source += '.*';
      } else source += '[^/]*';
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      braceDepth++;
      source += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (c === ',' && braceDepth > 0) source += '|';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else source += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function hasGlobMagic(pattern: string): boolean {
  return /[*?{[]/.test(pattern);
}

/** The part of a pattern before its first wildcard segment: where to start walking. */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex(hasGlobMagic);
  const base = segments.slice(0, firstMagic < 0 ? segments.length : firstMagic).join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}

export function matchesGlob(filePath: string, pattern: string): boolean {
  const normalized = filePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const glob = pattern.replace(/^\.\//, '');
  // A pattern without a slash matches the file name at any depth, as .gitignore does.
  if (!glob.includes('/')) return globToRegExp(glob).test(normalized.split('/').pop() ?? '');
  return globToRegExp(glob).test(normalized);
}
