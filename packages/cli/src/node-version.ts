/** The oldest Node the CLI runs on (the packages' `engines`). */
const OLDEST = { major: 22, minor: 19 } as const;

/**
 * What is wrong with running on Node `version` (`process.versions.node`), in one line that says which
 * Node is needed and how to get it; `undefined` when the version is new enough. The bin checks it
 * before loading anything else: on an older Node, undici fails deep inside with a TypeError.
 */
export function nodeVersionProblem(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > OLDEST.major || (major === OLDEST.major && minor >= OLDEST.minor)) return undefined;
  return `freechat needs Node ${OLDEST.major}.${OLDEST.minor} or newer (Node 24 LTS recommended); this is Node ${version}. Install Node 24 from https://nodejs.org (or \`nvm install 24\`) and run it again.`;
}
