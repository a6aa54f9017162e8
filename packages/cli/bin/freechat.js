#!/usr/bin/env node
// The version check loads nothing else: on an older Node, undici fails deep inside with a TypeError.
import { nodeVersionProblem } from '../dist/node-version.js';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) {
  console.error(problem);
  process.exit(1);
}
const { runCli } = await import('../dist/main.js');
process.exitCode = await runCli(process.argv.slice(2));
