// Message templates from the rule files, filled with numbers written the way each language writes them.
const FORMATS = {
  nb: new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

export type Language = keyof typeof FORMATS;

export function fillTemplate(template: string, values: Record<string, number | string>, lang: Language): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? FORMATS[lang].format(v) : v;
  });
}
