import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    // expect.poll waits for the pane to show what it should; its default second is shorter than a
    // recalculation takes when CI runs other test files beside the browser. A wrong value still
    // fails, only later.
    expect: { poll: { timeout: 15_000 } },
  },
});
