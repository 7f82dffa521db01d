import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'devkit',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
