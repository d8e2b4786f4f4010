import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: more workers only queue up on PostgreSQL and the simulators.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    restoreMocks: true,
  },
});
