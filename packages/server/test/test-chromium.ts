import { access, constants, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';

/** A Chromium the browser test can launch. */
export interface ChromiumBrowser {
  /** The binary. */
  executablePath: string;
  /** The browser process's environment (with the shared libraries it brings, if any). */
  env: Record<string, string | undefined>;
  /** Where it was found, for the test's log. */
  source: string;
}

/** The result of {@link findChromium}: a browser, or why there is none and how to get one. */
export type ChromiumSearch = { browser: ChromiumBrowser } | { missing: string };

/** Debian's Chromium (`bash scripts/install-chromium.sh`). */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** How to get a browser, for the message of a test that found none. */
const HOW_TO_GET_CHROMIUM =
  'set FREECHAT_CHROMIUM to a Chromium or Chrome binary, install Debian’s with `bash scripts/install-chromium.sh`, or install the server package’s devDependencies (`pnpm install`, which brings @sparticuz/chromium for Linux x64)';

/**
 * Finds a Chromium, in this order: the `FREECHAT_CHROMIUM` environment variable (which must name an
 * executable), Debian's `/usr/bin/chromium`, then `@sparticuz/chromium` (a devDependency: a Chromium
 * for Linux x64 shipped inside the npm package). That one needs NSS, NSPR and expat, which a fresh
 * Debian lacks; the package carries them in `al2023.tar.br` but unpacks them only on AWS Lambda, so
 * they are unpacked here and put first on the browser's `LD_LIBRARY_PATH`.
 *
 * @throws Error when `FREECHAT_CHROMIUM` is set to something that is not an executable.
 */
export async function findChromium(
  env: Record<string, string | undefined> = process.env,
): Promise<ChromiumSearch> {
  const chosen = env.FREECHAT_CHROMIUM;
  if (chosen !== undefined && chosen !== '') {
    if (!(await isExecutable(chosen))) {
      throw new Error(`FREECHAT_CHROMIUM is ${chosen}, which is not an executable file.`);
    }
    return { browser: { executablePath: chosen, env, source: 'FREECHAT_CHROMIUM' } };
  }
  if (await isExecutable(DEBIAN_CHROMIUM)) {
    return { browser: { executablePath: DEBIAN_CHROMIUM, env, source: DEBIAN_CHROMIUM } };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return {
      missing: `No Chromium found, and @sparticuz/chromium runs on Linux x64 only: ${HOW_TO_GET_CHROMIUM}.`,
    };
  }
  try {
    return { browser: await unpackNpmChromium(env) };
  } catch (error) {
    return {
      missing: `No Chromium found, and @sparticuz/chromium could not be unpacked (${(error as Error).message}): ${HOW_TO_GET_CHROMIUM}.`,
    };
  }
}

/**
 * Unpacks `@sparticuz/chromium`'s browser, fonts and shared libraries into the temporary directory
 * (`chromium`, `fonts/`, `al2023/lib/`; kept there for the next run).
 */
async function unpackNpmChromium(
  env: Record<string, string | undefined>,
): Promise<ChromiumBrowser> {
  const { default: chromium, inflate } = await import('@sparticuz/chromium');
  // The package's compressed files sit in its bin/, beside build/ (where its entry is).
  const bin = join(dirname(fileURLToPath(import.meta.resolve('@sparticuz/chromium'))), '..', 'bin');
  const executablePath = await chromium.executablePath(bin);
  const libraries = join(await inflate(join(bin, 'al2023.tar.br')), 'lib');
  const inherited = env.LD_LIBRARY_PATH;
  return {
    executablePath,
    env: {
      ...env,
      LD_LIBRARY_PATH: inherited ? `${libraries}:${inherited}` : libraries,
      // The fonts the package brings, for a machine that has no fontconfig set-up of its own.
      ...((await isReadable('/etc/fonts/fonts.conf'))
        ? {}
        : { FONTCONFIG_PATH: join(tmpdir(), 'fonts') }),
    },
    source: `@sparticuz/chromium (libraries from ${libraries})`,
  };
}

/** Headless, sandbox-less (a container), and nothing that reaches the network by itself. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

/** A Chromium context on a fresh profile; `close()` closes it and removes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches `browser` (by default the one {@link findChromium} finds; none found is an error naming how
 * to get one) through playwright-core, with `args` after the usual flags.
 */
export async function launchChromium(
  args: readonly string[] = [],
  browser?: ChromiumBrowser,
): Promise<TestBrowser> {
  const found = browser ?? (await requireChromium());
  const userDataDir = await mkdtemp(join(tmpdir(), 'freechat-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: found.executablePath,
    env: found.env,
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    viewport: { width: 1024, height: 720 },
  });
  context.setDefaultTimeout(30_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

async function requireChromium(): Promise<ChromiumBrowser> {
  const search = await findChromium();
  if ('missing' in search) throw new Error(search.missing);
  return search.browser;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isReadable(path: string): Promise<boolean> {
  return access(path, constants.R_OK).then(
    () => true,
    () => false,
  );
}
