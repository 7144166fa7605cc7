// Message templates from the rule files, filled with numbers written the way each language writes them.
import { memo } from '../memo.ts';
import type { Language } from '../rules/schema.ts';

const FORMATS: Record<Language, Intl.NumberFormat> = {
  nb: new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

// A national rota fills the same few templates with the same few numbers hundreds of thousands of
// times: templates are split once, and numbers written once per language (bounded caches).
const written = { nb: memo<number, string>(10_000), en: memo<number, string>(10_000) };
/** A number as the language writes it, at most two decimals (the reports' and formatters' one way). */
export function writeNumber(v: number, lang: Language): string {
  // A Map holds 0 and -0 as one key, and Intl writes them differently.
  if (Object.is(v, -0)) return FORMATS[lang].format(v);
  return written[lang](v, () => FORMATS[lang].format(v));
}

/** A template as alternating literal text and placeholder names: [text, name, text, name, …, text]. */
const compiled = memo<string, string[]>(10_000);
const parts = (template: string): string[] => compiled(template, () => template.split(/\{(\w+)\}/));

export function fillTemplate(template: string, values: Record<string, number | string>, lang: Language): string {
  const p = parts(template);
  let out = p[0]!;
  for (let i = 1; i < p.length; i += 2) {
    const name = p[i]!;
    const v = values[name];
    out += (v === undefined ? `{${name}}` : typeof v === 'number' ? writeNumber(v, lang) : v) + p[i + 1]!;
  }
  return out;
}
