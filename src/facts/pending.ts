// Measures whose rule families are being written; each moves to its own module.
import type { Measure } from './types.ts';

const pending = (name: string): Measure => () => {
  throw new Error(`measure ${name} is not implemented yet`);
};

