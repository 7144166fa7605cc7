// The rule list users filter and baseline by (`turnussjekk rules`, GET /v1/rules): one entry per
// rule id, with its citation, every threshold it uses and the date each value took effect.
import type { Language } from './schema.ts';
import type { RuleBook } from './load.ts';

export interface RuleListing {
  id: string;
  title: { nb: string; en: string };
  citation: { nb: string; en: string };
  url?: string;
  file: string;
  confidence: string;
  inForce: { from: string; to?: string };
  severities: string[];
  readings: string[];
  curedBy: string[];
  thresholds: Array<{
    name: string;
    description: { nb: string; en: string };
    unit: string;
    values: Array<{ since: string; value: number; confidence?: string; note?: string }>;
  }>;
}

export function listRules(book: RuleBook): RuleListing[] {
  const byId = new Map<string, RuleListing>();
  for (const file of book.files) {
    for (const check of file.checks) {
      let entry = byId.get(check.id);
      if (!entry) {
        entry = {
          id: check.id,
          title: check.title,
          citation: check.citation ?? file.citation,
          ...(file.law.url ? { url: file.law.url } : {}),
          file: `rules/${file.file}`,
          confidence: file.confidence,
          inForce: { from: file.inForce.from, ...(file.inForce.to ? { to: file.inForce.to } : {}) },
          severities: [],
          readings: [],
          curedBy: [],
          thresholds: [],
        };
        byId.set(check.id, entry);
      }
      const add = (list: string[], v: string) => list.includes(v) || list.push(v);
      add(entry.severities, check.severity);
      add(entry.readings, check.reading);
      for (const e of check.agreements) add(entry.curedBy, e.type);
      const names = [
        check.limit,
        ...(check.window ? [check.window] : []),
        ...check.params,
        ...check.agreements.flatMap((e) => (e.limit ? [e.limit] : [])),
      ];
      for (const name of names) {
        if (entry.thresholds.some((t) => t.name === name)) continue;
        const p = file.parameters[name]!;
        entry.thresholds.push({ name, description: p.description, unit: p.unit, values: p.values });
      }
    }
  }
  return [...byId.values()];
}

export function formatRulesText(list: RuleListing[], lang: Language): string {
  return list
    .map((r) =>
      [
        `${r.id} — ${r.title[lang]}`,
        `  ${r.citation[lang]} · ${r.confidence} · ${lang === 'nb' ? 'i kraft fra' : 'in force from'} ${r.inForce.from}`,
        ...r.thresholds.map(
          (t) =>
            `  ${t.name}: ${t.values.map((v) => `${v.value} ${t.unit} (${lang === 'nb' ? 'fra' : 'since'} ${v.since}${v.confidence ? `, ${v.confidence}` : ''})`).join(', ')}`,
        ),
      ].join('\n'),
    )
    .join('\n\n');
}
