// The code examples of a README: every fenced ts, js and sh block, and whether it is run. A block runs
// unless the line before its fence (blank lines aside) is `<!-- not run: <reason> -->`.

/** The fence languages that are examples, and the kind each one is run as. */
const KINDS = new Map([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['js', 'js'],
  ['javascript', 'js'],
  ['mjs', 'js'],
  ['sh', 'sh'],
  ['bash', 'sh'],
  ['shell', 'sh'],
]);

const FENCE = /^(\s*)(`{3,})(\S*)\s*$/;
const NOT_RUN = /^\s*<!--\s*not run:\s*(.*?)\s*-->\s*$/;

/**
 * The examples of one README, in order: `{ file, line, kind, code, notRun }`, where `line` is the
 * fence's line (from 1), `code` is dedented by the fence's indentation, and `notRun` is the marker's
 * reason (undefined when the block runs).
 *
 * @throws Error for a fence left open, or a `not run` marker without a reason or with no example
 * after it.
 */
export function readmeExamples(markdown, file) {
  const lines = markdown.split('\n');
  const examples = [];
  let marker;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index];
    const notRun = NOT_RUN.exec(text);
    if (notRun !== null) {
      if (notRun[1] === '') throw new Error(`${file}:${index + 1}: "not run" needs a reason`);
      marker = { reason: notRun[1], line: index + 1 };
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence === null) {
      if (text.trim() !== '' && marker !== undefined) {
        throw new Error(`${file}:${marker.line}: "not run" is not followed by an example`);
      }
      continue;
    }
    const [, indent, ticks, language] = fence;
    const body = [];
    let end = index + 1;
    while (end < lines.length && lines[end].trim() !== ticks) body.push(lines[end++]);
    if (end === lines.length) throw new Error(`${file}:${index + 1}: the fence is never closed`);
    const kind = KINDS.get(language);
    if (kind !== undefined) {
      const code = body.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
      examples.push({
        file,
        line: index + 1,
        kind,
        code: `${code.join('\n')}\n`,
        notRun: marker?.reason,
      });
    } else if (marker !== undefined) {
      throw new Error(
        `${file}:${marker.line}: "not run" is followed by a ${language || 'plain'} block`,
      );
    }
    marker = undefined;
    index = end;
  }
  return examples;
}

/** The bare module names an example imports (`@freechat/core`, `openai`, …), without `node:` ones. */
export function importedModules(code) {
  const names = new Set();
  for (const [, from, bare] of code.matchAll(
    /\bfrom\s+['"]([^'"]+)['"]|\bimport\s+['"]([^'"]+)['"]/g,
  )) {
    const specifier = from ?? bare;
    if (specifier.startsWith('node:') || specifier.startsWith('.')) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return names;
}

/**
 * The packages a pack-and-install loop packs (`for p in core free2gpt; do (cd packages/$p && pnpm
 * pack --pack-destination "$tarballs"); done`), as folder names; undefined for a block without one.
 */
export function packedFolders(code) {
  const loop = /\bfor\s+p\s+in\s+([\w\s-]+?);\s*do\b[^\n]*\bpnpm pack\b/.exec(code);
  return loop === null ? undefined : loop[1].trim().split(/\s+/);
}

/**
 * Whether every `pnpm pack` of a block writes to a folder the block made just before with
 * `mktemp -d`: tarballs left in a shared folder by an earlier run would be installed too.
 */
export function packsIntoFreshFolder(code) {
  const destinations = [...code.matchAll(/--pack-destination\s+"?\$\{?(\w+)\}?"?/g)];
  if (destinations.length === 0) return !/\bpnpm pack\b/.test(code);
  return destinations.every(([, variable]) =>
    new RegExp(`\\b${variable}=\\$\\(mktemp -d`).test(code),
  );
}
