import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A task that needs a tool: a file whose words only a tool can give the agent. */
export interface FileTask {
  /** The agent's working directory, holding the file. */
  workDirectory: string;
  /** A fresh, empty home directory for the agent (its settings, caches and sessions). */
  homeDirectory: string;
  /** The file's name in `workDirectory`. */
  fileName: string;
  /** The file's absolute path. */
  path: string;
  /** A word found only in the file (random per task). */
  secret: string;
  /** Removes both directories. */
  remove(): void;
}

/**
 * Makes a temporary directory with `work/notes.txt` ("The secret word is <secret>.") and an empty
 * `home/`.
 */
export function createFileTask(): FileTask {
  const root = mkdtempSync(join(tmpdir(), 'freechat-agents-'));
  const workDirectory = join(root, 'work');
  const homeDirectory = join(root, 'home');
  mkdirSync(workDirectory);
  mkdirSync(homeDirectory);
  const secret = `marmalade-${randomBytes(4).toString('hex')}`;
  const fileName = 'notes.txt';
  const path = join(workDirectory, fileName);
  writeFileSync(path, `The secret word is ${secret}.\n`);
  return {
    workDirectory,
    homeDirectory,
    fileName,
    path,
    secret,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
