/**
 * Finds the manifest that governs a file: the nearest `privacy.yaml` (then `privacy.yml`) in the
 * file's directory or any directory above it, up to the filesystem root. Pure: the caller passes
 * the existence check (a real `fs.existsSync`, a workspace index, a test's set of paths).
 */
import * as path from 'node:path';

/** Manifest file names, in the order they are looked for in each directory. */
export const manifestFileNames: readonly string[] = ['privacy.yaml', 'privacy.yml'];

/** Windows paths: a drive (`C:\`, `c:/`) or a UNC share (`\\server\share`), or any backslash. */
function isWindowsPath(p: string): boolean {
  return /^[a-zA-Z]:([\\/]|$)/.test(p) || p.startsWith('\\\\') || (p.includes('\\') && !p.includes('/'));
}

/**
 * The path of the nearest manifest above `filePath` (the file itself is not a directory, so the
 * search starts in its directory), or null when none exists up to the root. Uses `/` or Windows
 * path rules according to how `filePath` is written; the result is written the same way.
 */
export function findManifestPath(filePath: string, exists: (p: string) => boolean): string | null {
  if (!filePath) return null;
  const p = isWindowsPath(filePath) ? path.win32 : path.posix;
  let dir = p.dirname(p.normalize(filePath));
  for (let guard = 0; guard < 4096; guard++) {
    for (const name of manifestFileNames) {
      const candidate = p.join(dir, name);
      if (exists(candidate)) return candidate;
    }
    const parent = p.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

/**
 * Like `findManifestPath`, for a directory (a workspace folder or a CLI path argument that is a
 * directory): the search starts in the directory itself.
 */
export function findManifestPathForDirectory(dirPath: string, exists: (p: string) => boolean): string | null {
  if (!dirPath) return null;
  const p = isWindowsPath(dirPath) ? path.win32 : path.posix;
  return findManifestPath(p.join(dirPath, '_'), exists);
}
