// The repository's address lives in one place: the root package.json's `repository.url`. This writes
// each published package's `repository` (with its `directory`), `homepage` and `bugs` from it; with
// `--check` it only reports the packages that differ and exits 1. Change the root's URL, run
// `pnpm sync-repository`, and every package follows.
import { readdir, readFile, writeFile } from 'node:fs/promises';

const root = new URL('../', import.meta.url);
const readJson = async (url) => JSON.parse(await readFile(url, 'utf8'));
const { repository } = await readJson(new URL('package.json', root));
const base = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const check = process.argv.includes('--check');
let differing = 0;
for (const name of await readdir(new URL('packages/', root))) {
  const url = new URL(`packages/${name}/package.json`, root);
  const manifest = await readJson(url);
  if (manifest.private) continue;
  const wanted = {
    repository: { type: 'git', url: repository.url, directory: `packages/${name}` },
    homepage: `${base}/tree/main/packages/${name}#readme`,
    bugs: { url: `${base}/issues` },
  };
  const next = { ...manifest, ...wanted };
  if (JSON.stringify(next) === JSON.stringify(manifest)) continue;
  differing += 1;
  if (check)
    console.error(
      `packages/${name}/package.json: repository, homepage or bugs differ from ${repository.url}`,
    );
  else await writeFile(url, `${JSON.stringify(next, null, 2)}\n`);
}
if (check && differing > 0) process.exitCode = 1;
else console.log(`${check ? 'checked' : 'synced'}: every package points at ${base}`);
