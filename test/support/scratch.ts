import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes files under a scratch folder (folders made as needed); returns a file's absolute path. */
export function writerUnder(folder: string): (relative: string, text: string) => string {
  return (relative, text) => {
    const file = path.join(folder, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
}
