import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'arabic',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
