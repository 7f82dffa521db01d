import { describe, expect, it } from 'vitest';
import { fold } from './fold.ts';

describe('fold', () => {
  it('normalizes and lowers Latin letters, leaving Arabic as normalization gives it', () => {
    expect(fold('Riyadh الرياض')).toBe('riyadh الرياض');
  });
});
