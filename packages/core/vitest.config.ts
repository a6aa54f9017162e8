import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // StrykerJS (`pnpm mutation`) copies the package into .stryker-tmp while it runs.
    exclude: [...configDefaults.exclude, '.stryker-tmp/**'],
  },
});
