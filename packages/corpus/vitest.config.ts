import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'corpus',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
