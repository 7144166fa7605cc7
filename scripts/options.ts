// What the scripts' command-line options share: a whole number within bounds, or a clear error
// naming the option.

/** `--name` read as a whole number from `min` to `max`. */
export function wholeOption(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}
