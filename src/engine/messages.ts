// Message templates from the rule files, filled with numbers written the way each language writes them.
const FORMATS = {
  nb: new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

export type Language = keyof typeof FORMATS;

// A national rota fills the same few templates with the same few numbers hundreds of thousands of
// times: templates are split once, and numbers written once per language (bounded caches).
const MAX_CACHED = 10_000;
const written = { nb: new Map<number, string>(), en: new Map<number, string>() };
function writeNumber(v: number, lang: Language): string {
  // A Map holds 0 and -0 as one key, and Intl writes them differently.
  if (Object.is(v, -0)) return FORMATS[lang].format(v);
  const cache = written[lang];
  let text = cache.get(v);
  if (text === undefined) {
    text = FORMATS[lang].format(v);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(v, text);
  }
  return text;
}

/** A template as alternating literal text and placeholder names: [text, name, text, name, …, text]. */
const compiled = new Map<string, string[]>();
function parts(template: string): string[] {
  let p = compiled.get(template);
  if (!p) {
    p = template.split(/\{(\w+)\}/);
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(template, p);
  }
  return p;
}

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
