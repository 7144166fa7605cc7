// Words of the page in bokmål (default) and English. The law's own words (rule titles, messages,
// citations, agreement titles) come from the API in both languages; only the page's frame is here.

/** @typedef {'nb' | 'en'} Lang */

const nb = {
  appTitle: 'Turnussjekk',
  tagline: 'Arbeidstid etter arbeidsmiljøloven og avlasterforskriften',
  skip: 'Hopp til innholdet',
  switchLang: 'English',
  switchLangLabel: 'Switch the page to English',
  exportJson: 'Last ned rapport (JSON)',
  exportRota: 'Last ned turnus (JSON)',
  exportYaml: 'Last ned turnus (YAML)',
  yamlComment:
    'Turnus fra turnussjekk, lastet ned {date}: {name} med {n} endringer på siden.\nLes den inn igjen på siden, med turnussjekk check, eller med POST /v1/rota.',
  overviewTitle: 'Oversikt',
  overviewLead: '{oppdrag} oppdrag hos {workers} arbeidstakere; {bad} av arbeidstakerne har brudd.',
  tiersTitle: 'Oppdrag etter vurdering for omgjøring',
  tiersHelp:
    'Hvor mange oppdrag hver vurdering gjelder, med timer og kostnad som arbeidsavtale, og hva avtalene som er valgt på siden gir nå (grønt: uten brudd, gult: bare advarsler, rødt: fortsatt brudd).',
  tiersChosen: 'Med avtalene som er valgt nå er {ok} av {n} oppdrag uten brudd.',
  colTier: 'Vurdering',
  colOppdrag: 'Oppdrag',
  colTierHours: 'Timer som arbeidsavtale',
  colTierCost: 'Kostnad som arbeidsavtale',
  colTierNow: 'Med valgte avtaler',
  tierNow: '{ok} uten brudd, {bad} med brudd',
  tierTotal: 'I alt',
  tierDifference: '{n} mer enn i dag',
  tierCostMissing: '{n} uten lønnsopplysninger',
  tierLegendOk: 'Uten brudd med valgte avtaler',
  tierLegendWarn: 'Bare advarsler',
  tierLegendBad: 'Fortsatt brudd',
  workersTitle: 'Arbeidstakere etter alvorligste hendelse',
  workersHelp:
    'De med brudd først, så de med advarsler. Velg en arbeidstaker for å se hvor mye som er igjen før hver grense.',
  colWorst: 'Alvorligste',
  colIncidents: 'Hendelser',
  colHours: 'Timer',
  worstNone: 'Ingen',
  workerShowLabel: 'Vis {name}: grenser og hendelser',
  workerCounts: '{v} brudd, {w} advarsler',
  workerOpen: '{name}, {counts}: vis grenser og hendelser',
  incidentLane: 'Hendelser',
  printIncidentsTitle: 'Hendelser per arbeidstaker (brudd og advarsler)',
  ruleLanes: 'Vis én linje per regel',
  editBarLabel: 'Rediger turnusen',
  undo: 'Angre',
  redo: 'Gjør om',
  addPeriod: 'Legg til periode',
  deletePeriod: 'Slett periode',
  editKeys:
    'Piltast venstre og høyre flytter perioden 15 minutter, Shift og pil endrer slutten, Alt og pil endrer starten, pil opp og ned går til forrige og neste periode, Delete sletter, N legger til en kopi dagen etter, Ctrl+Z angrer.',
  editNone: 'ingen endringer',
  editCount: '{n} endring|{n} endringer',
  editSelected: 'Valgt: {assignment}, {span} ({hours} t)',
  editHint: 'Velg en periode for å endre den',
  editMoved: 'Endret: {assignment} {from} – {to}. Sjekker på nytt …',
  editAdded: 'Lagt til: {assignment} {from} – {to}. Sjekker på nytt …',
  editDeleted: 'Slettet: {assignment} {from} – {to}. Sjekker på nytt …',
  editUndone: 'Angret. Sjekker på nytt …',
  editRedone: 'Gjort om. Sjekker på nytt …',
  editNoAssignment: 'Arbeidstakeren har ikke noe oppdrag å legge perioden til.',
  editChecked: 'Sjekket på nytt: {v}, {w}',
  editUndoHint: 'Angre den siste endringen for å komme tilbake til en turnus som kan sjekkes.',
  reevaluatingEdit: 'Sjekker den endrede turnusen …',
  incidentTitle: 'Hendelse',
  incidentRules: 'Regler den bryter',
  incidentOccurrences: 'Skjer {n} ganger',
  incidentFindings: '{n} funn|{n} funn',
  incidentShowFinding: 'Vis funnet',
  incidentCures: 'Avtaler som ville løftet funn her',
  curesCount: 'løfter {n} av {m} funn',
  workerTitle: 'Arbeidstaker',
  workerIncidentCount: '{n} hendelse|{n} hendelser',
  workerIncidents: 'Hendelser',
  workerNoIncidents: 'Ingen hendelser.',
  workerOppdrag: 'Oppdrag og vurdering',
  headroomTitle: 'Hvor mye er igjen',
  headroomHelp: 'De strammeste grensene: hvor mye som er igjen i det trangeste tidsrommet i planen.',
  headroomAll: 'Flere grenser ({n})',
  headroomBroken: 'Allerede over grensen ({n}):',
  headroomLeft: '{n} igjen',
  headroomOver: '{n} over grensen',
  headroomUnder: '{n} under minstekravet',
  headroomOf: '{m} av {l}',
  headroomMin: '{m}, minst {l}',
  headroomNone: 'Ingen grenser å vise.',
  print: 'Skriv ut',
  actionsLabel: 'Handlinger',
  summaryLabel: 'Oppsummering',
  zoomLabel: 'Zoom i tidslinjen',
  loadTitle: 'Last inn turnus',
  loadCurrent: 'Nå: {name}',
  loadNone: 'ingen turnus lastet ennå',
  scenarioHeading: 'Eksempel',
  scenarioLabel: 'Velg et eksempel',
  scenarioChoose: '— velg —',
  open: 'Åpne',
  fileHeading: 'Fil',
  fileDrop: 'Slipp en fil her, eller velg en fil',
  fileHint: 'JSON, YAML, CSV eller iCalendar (.ics)',
  importOptions: 'Valg for CSV og iCalendar',
  importKind: 'Type oppdrag',
  importContract: 'Kontrakt',
  importWorker: 'Arbeidstaker-id',
  importDefault: '(som i filen)',
  pasteHeading: 'Lim inn',
  pasteLabel: 'Turnus som tekst',
  pastePlaceholder: 'version: 1\nworkers: …',
  pasteFormat: 'Format',
  formatAuto: 'Gjenkjenn',
  check: 'Sjekk',
  loading: 'Sjekker turnusen …',
  loaded: 'Ferdig: {name}',
  reevaluating: 'Sjekker på nytt med avtalene du har valgt …',
  errorsTitle: 'Turnusen kan ikke sjekkes',
  errorNetwork: 'Fikk ikke kontakt med tjenesten ({detail}).',
  errorWhere: 'Hvor',
  errorLine: 'linje {line}',
  errorLineColumn: 'linje {line}, kolonne {column}',
  errorWhat: 'Hva er galt',
  document: '(hele dokumentet)',
  tokenTitle: 'Tjenesten krever en API-nøkkel',
  tokenLabel: 'API-nøkkel',
  tokenSave: 'Bruk nøkkelen',
  summaryWorkers: '{n} arbeidstaker|{n} arbeidstakere',
  summaryPeriods: '{n} periode|{n} perioder',
  summaryHours: '{n} timer',
  hoursShort: 't',
  summaryViolations: '{n} brudd',
  summaryWarnings: '{n} advarsel|{n} advarsler',
  summaryInfo: '{n} til orientering',
  summaryHypothetical:
    'Funn merket «hypotetisk» gjelder bare hvis oppdraget gjøres om til arbeidsavtale: i dag binder ikke arbeidsmiljøloven et oppdrag.',
  timelineTitle: 'Tidslinje',
  timelineHelp:
    'Én rad per arbeidstaker med periodene, under den hendelsene (funn samlet etter årsak) og, om du vil, én linje per regel. Velg en hendelse eller et funn (klikk, eller Tab, piltaster og Enter) for å se hva det betyr, og et navn for å se hvor mye som er igjen. Dra en periode for å flytte den, dra endene for å endre lengden, dobbeltklikk i en rad for å legge til; med tastaturet: velg en periode og bruk piltastene.',
  timelineLabel: 'Tidslinje for turnusen med funn',
  zoomOut: 'Zoom ut',
  zoomFit: 'Tilpass',
  zoomIn: 'Zoom inn',
  legendNight: 'Natt (kl. {start}–{end})',
  legendSunday: 'Søn- og helgedag',
  legendPassive: 'Passive timer (andel)',
  legendWeek: 'Ukeskille',
  legendDst: 'Sommertid/normaltid',
  legendHypothetical: 'Hypotetisk (skravert)',
  week: 'uke {n}',
  dstSummer: 'Sommertid {offset}',
  dstWinter: 'Normaltid {offset}',
  periodTip: '{kind} ({contract}) · {from} – {to} · {hours} t{passive}',
  passiveTip: ', {n} t passive',
  findingTip: '{severity}: {title} · {from} – {to} · {measured} (grense {limit})',
  detailsTitle: 'Funn',
  detailsEmpty:
    'Velg en hendelse eller et funn på tidslinjen eller i listen for å se regelen, lovteksten, målt verdi mot grensen og hvilke avtaler som ville løftet det, eller en arbeidstaker for å se hvor mye som er igjen før hver grense.',
  detailsRule: 'Regel',
  detailsLaw: 'Hjemmel',
  detailsWorker: 'Arbeidstaker',
  detailsAssignments: 'Oppdrag',
  detailsWindow: 'Tidsrom',
  detailsMeasured: 'Målt',
  detailsLimit: 'Grense',
  detailsBasis: 'Hvorfor denne grensen',
  detailsReading: 'Tolkning',
  detailsConfidence: 'Kilde',
  detailsApplied: 'Avtaler lagt til grunn',
  detailsCuredBy: 'Avtaler som ville løftet dette',
  detailsNoCure: 'Ingen avtaletype løfter dette funnet; meldingen over sier hva som må til.',
  detailsHypothetical: 'Hypotetisk: gjelder bare hvis oppdraget gjøres om til arbeidsavtale.',
  detailsTurnOn: 'Slå på for {who}',
  detailsIsOn: 'Er slått på',
  detailsClose: 'Lukk',
  openLaw: 'Les paragrafen på Lovdata',
  severity: { violation: 'Brudd', warning: 'Advarsel', info: 'Til orientering' },
  hypothetical: 'Hypotetisk',
  unit: { hours: ['time', 'timer'], count: ['', ''], ratio: ['', ''], weeks: ['uke', 'uker'] },
  confidence: { verified: 'lest i primærkilden', secondary: 'sekundærkilde', unverified: 'ikke kontrollert' },
  agreementsTitle: 'Avtaler',
  agreementsHelp:
    'Slå avtaler av og på og se funnene og vurderingene endre seg. Siden endrer bare turnusens avtaler og sjekker den på nytt; loven ligger i tjenesten.',
  agreementsScope: 'Gjelder',
  agreementsAll: 'Alle arbeidstakere',
  agreementsRelevant: 'Nevnt i rapporten',
  agreementsIndividual: 'Individuelle skriftlige avtaler',
  agreementsCollective: 'Tariffavtale, fagforening eller Arbeidstilsynet',
  agreementsOthers: 'Andre avtaletyper ({n})',
  agreementsLifts: 'kan løfte {n} funn',
  agreementsRequired: 'kreves for omgjøring',
  agreementsForAll: 'gjelder alle',
  agreementsDated: 'med vilkår eller datoer fra turnusfilen',
  agreementsReset: 'Tilbakestill til turnusens avtaler',
  agreementsNone: 'Turnusen har ingen avtaler.',
  conversionsTitle: 'Omgjøring av oppdrag til arbeidsavtale',
  conversionsHelp:
    'For hvert oppdrag: kan det gjøres om til arbeidsavtale, og på hvilket grunnlag? Vurderingen prøver uten avtaler, så med individuelle avtaler, så med tariffavtale, og er den samme uansett hvilke avtaler turnusen har. Under den står hva avtalene du har valgt gir.',
  conversionsNone: 'Turnusen har ingen oppdrag: alle perioder er arbeidsavtaler.',
  colAssignment: 'Oppdrag',
  colVerdict: 'Vurdering',
  colNow: 'Med valgte avtaler',
  colRequired: 'Avtaler som trengs',
  colSuggestions: 'Forslag (kontrollert)',
  colEmployment: 'Allerede arbeidsforhold?',
  colHoursCost: 'Timer og kostnad',
  verdict: {
    convertible: 'Kan gjøres om som den er',
    'convertible-with-agreement': 'Kan gjøres om med skriftlig avtale',
    'needs-collective-agreement': 'Krever tariffavtale eller samtykke',
    'not-convertible': 'Kan ikke gjøres om slik turnusen er',
  },
  nowLawful: 'Lovlig som arbeidsavtale med avtalene som er valgt',
  nowLawfulWarnings:
    'Ingen brudd med avtalene som er valgt, men {n} advarsel må vurderes|Ingen brudd med avtalene som er valgt, men {n} advarsler må vurderes',
  nowViolations: '{n} brudd som arbeidsavtale med avtalene som er valgt nå',
  nowMissing: 'Mangler: {list}',
  noneRequired: 'Ingen',
  selectedMark: 'valgt',
  blocking: 'Fortsatt brudd på',
  noSuggestions: '—',
  verdictAfter: 'gir: {verdict}',
  likelihood: { high: 'Høy', probable: 'Sannsynlig', uncertain: 'Usikker', low: 'Lav' },
  likelihoodLabel: 'Sannsynlighet for at oppdraget allerede er et arbeidsforhold: {l}',
  reasons: 'Begrunnelse',
  points: { employment: 'taler for arbeidsforhold', independent: 'taler for selvstendig oppdrag' },
  hoursAsEmployment: '{n} t som arbeidsavtale',
  hoursPaidToday: '{n} t betalt i dag',
  costAsEmployment: '{n} som arbeidsavtale',
  costToday: '{n} i dag',
  costDifference: 'forskjell {n}',
  kind: {
    'respite-carer-home': 'Avlastning i eget hjem',
    'respite-user-home': 'Avlastning i brukers hjem',
    'support-contact': 'Støttekontakt',
    employment: 'Ansatt arbeid',
  },
  contract: { oppdrag: 'oppdrag', arbeidsavtale: 'arbeidsavtale' },
  variantsTitle: 'Varianter side om side',
  variantsHelp: 'Turnusfilen har navngitte alternativer; hver er sjekket for seg.',
  variantRota: 'Turnusen nå',
  rowDescription: 'Beskrivelse',
  rowViolations: 'Brudd',
  rowWarnings: 'Advarsler',
  rowHours: 'Timer',
  rowCost: 'Kostnad',
  rowVerdicts: 'Vurdering per oppdrag',
  rowRules: 'Funn per regel',
  noOppdrag: 'ingen oppdrag',
  findingsTitle: 'Alle funn ({n})',
  colSeverity: 'Alvorlighet',
  colRule: 'Regel',
  colWorker: 'Arbeidstaker',
  colWindow: 'Tidsrom',
  colMeasured: 'Målt / grense',
  show: 'Vis',
  noFindings: 'Ingen funn: turnusen holder seg innenfor reglene som er sjekket.',
  weekdays: ['søn.', 'man.', 'tir.', 'ons.', 'tor.', 'fre.', 'lør.'],
  weekdaysShort: ['sø', 'ma', 'ti', 'on', 'to', 'fr', 'lø'],
  months: [
    'januar',
    'februar',
    'mars',
    'april',
    'mai',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'desember',
  ],
  printedFrom: 'Skrevet ut fra turnussjekk {date}',
};

/** @type {typeof nb} */
const en = {
  appTitle: 'Turnussjekk',
  tagline: 'Working time under the Working Environment Act and the respite carer regulation',
  skip: 'Skip to content',
  switchLang: 'Norsk',
  switchLangLabel: 'Bytt siden til norsk',
  exportJson: 'Download report (JSON)',
  exportRota: 'Download rota (JSON)',
  exportYaml: 'Download rota (YAML)',
  yamlComment:
    'Rota from turnussjekk, downloaded {date}: {name} with {n} edits on the page.\nRead it back on the page, with turnussjekk check, or with POST /v1/rota.',
  overviewTitle: 'Overview',
  overviewLead: '{oppdrag} oppdrag held by {workers} workers; {bad} of the workers have violations.',
  tiersTitle: 'Oppdrag by conversion verdict',
  tiersHelp:
    'How many oppdrag each verdict covers, with hours and cost as employment, and what the agreements chosen on the page give now (green: no violation, amber: warnings only, red: still violations).',
  tiersChosen: 'With the agreements chosen now, {ok} of {n} oppdrag have no violation.',
  colTier: 'Verdict',
  colOppdrag: 'Oppdrag',
  colTierHours: 'Hours as employment',
  colTierCost: 'Cost as employment',
  colTierNow: 'With the chosen agreements',
  tierNow: '{ok} without violations, {bad} with violations',
  tierTotal: 'Total',
  tierDifference: '{n} more than today',
  tierCostMissing: '{n} without pay data',
  tierLegendOk: 'No violation with the chosen agreements',
  tierLegendWarn: 'Warnings only',
  tierLegendBad: 'Still violations',
  workersTitle: 'Workers by their worst incident',
  workersHelp:
    'Those with violations first, then those with warnings. Pick a worker to see how much is left before each limit.',
  colWorst: 'Worst',
  colIncidents: 'Incidents',
  colHours: 'Hours',
  worstNone: 'None',
  workerShowLabel: 'Show {name}: limits and incidents',
  workerCounts: '{v} violations, {w} warnings',
  workerOpen: '{name}, {counts}: show limits and incidents',
  incidentLane: 'Incidents',
  printIncidentsTitle: 'Incidents per worker (violations and warnings)',
  ruleLanes: 'Show one lane per rule',
  editBarLabel: 'Edit the rota',
  undo: 'Undo',
  redo: 'Redo',
  addPeriod: 'Add period',
  deletePeriod: 'Delete period',
  editKeys:
    'Left and right arrow move the period by 15 minutes, Shift and arrow change its end, Alt and arrow change its start, up and down arrow go to the previous and next period, Delete deletes it, N adds a copy the day after, Ctrl+Z undoes.',
  editNone: 'no edits',
  editCount: '{n} edit|{n} edits',
  editSelected: 'Selected: {assignment}, {span} ({hours} h)',
  editHint: 'Pick a period to change it',
  editMoved: 'Changed: {assignment} {from} – {to}. Checking again …',
  editAdded: 'Added: {assignment} {from} – {to}. Checking again …',
  editDeleted: 'Deleted: {assignment} {from} – {to}. Checking again …',
  editUndone: 'Undone. Checking again …',
  editRedone: 'Redone. Checking again …',
  editNoAssignment: 'The worker has no assignment to add the period to.',
  editChecked: 'Checked again: {v}, {w}',
  editUndoHint: 'Undo the last edit to get back to a rota that can be checked.',
  reevaluatingEdit: 'Checking the edited rota …',
  incidentTitle: 'Incident',
  incidentRules: 'Rules it breaks',
  incidentOccurrences: 'Happens {n} times',
  incidentFindings: '{n} finding|{n} findings',
  incidentShowFinding: 'Show the finding',
  incidentCures: 'Agreements that would lift findings here',
  curesCount: 'lifts {n} of {m} findings',
  workerTitle: 'Worker',
  workerIncidentCount: '{n} incident|{n} incidents',
  workerIncidents: 'Incidents',
  workerNoIncidents: 'No incidents.',
  workerOppdrag: 'Oppdrag and verdict',
  headroomTitle: 'How much is left',
  headroomHelp: 'The tightest limits: how much is left in the tightest window of the plan.',
  headroomAll: 'More limits ({n})',
  headroomBroken: 'Already over the limit ({n}):',
  headroomLeft: '{n} left',
  headroomOver: '{n} over the limit',
  headroomUnder: '{n} short of the minimum',
  headroomOf: '{m} of {l}',
  headroomMin: '{m}, at least {l}',
  headroomNone: 'No limits to show.',
  print: 'Print',
  actionsLabel: 'Actions',
  summaryLabel: 'Summary',
  zoomLabel: 'Zoom the timeline',
  loadTitle: 'Load a rota',
  loadCurrent: 'Now: {name}',
  loadNone: 'no rota loaded yet',
  scenarioHeading: 'Example',
  scenarioLabel: 'Pick an example',
  scenarioChoose: '— choose —',
  open: 'Open',
  fileHeading: 'File',
  fileDrop: 'Drop a file here, or choose a file',
  fileHint: 'JSON, YAML, CSV or iCalendar (.ics)',
  importOptions: 'Options for CSV and iCalendar',
  importKind: 'Assignment kind',
  importContract: 'Contract',
  importWorker: 'Worker id',
  importDefault: '(as in the file)',
  pasteHeading: 'Paste',
  pasteLabel: 'Rota as text',
  pastePlaceholder: 'version: 1\nworkers: …',
  pasteFormat: 'Format',
  formatAuto: 'Detect',
  check: 'Check',
  loading: 'Checking the rota …',
  loaded: 'Done: {name}',
  reevaluating: 'Checking again with the agreements you chose …',
  errorsTitle: 'The rota cannot be checked',
  errorNetwork: 'Could not reach the service ({detail}).',
  errorWhere: 'Where',
  errorLine: 'line {line}',
  errorLineColumn: 'line {line}, column {column}',
  errorWhat: 'What is wrong',
  document: '(the whole document)',
  tokenTitle: 'The service needs an API token',
  tokenLabel: 'API token',
  tokenSave: 'Use the token',
  summaryWorkers: '{n} worker|{n} workers',
  summaryPeriods: '{n} period|{n} periods',
  summaryHours: '{n} hours',
  hoursShort: 'h',
  summaryViolations: '{n} violation|{n} violations',
  summaryWarnings: '{n} warning|{n} warnings',
  summaryInfo: '{n} for information',
  summaryHypothetical:
    'Findings marked “hypothetical” apply only if the oppdrag becomes an employment contract: today the Working Environment Act does not bind an oppdrag.',
  timelineTitle: 'Timeline',
  timelineHelp:
    'One row per worker with the periods, below it the incidents (findings grouped by cause) and, if you like, one lane per rule. Pick an incident or a finding (click, or Tab, arrow keys and Enter) to see what it means, and a name to see how much is left. Drag a period to move it, drag its ends to change its length, double-click a row to add one; with the keyboard: pick a period and use the arrow keys.',
  timelineLabel: 'Timeline of the rota with findings',
  zoomOut: 'Zoom out',
  zoomFit: 'Fit',
  zoomIn: 'Zoom in',
  legendNight: 'Night ({start}:00–{end}:00)',
  legendSunday: 'Sunday or holiday',
  legendPassive: 'Passive hours (share)',
  legendWeek: 'Week boundary',
  legendDst: 'Summer/standard time',
  legendHypothetical: 'Hypothetical (hatched)',
  week: 'week {n}',
  dstSummer: 'Summer time {offset}',
  dstWinter: 'Standard time {offset}',
  periodTip: '{kind} ({contract}) · {from} – {to} · {hours} h{passive}',
  passiveTip: ', {n} h passive',
  findingTip: '{severity}: {title} · {from} – {to} · {measured} (limit {limit})',
  detailsTitle: 'Finding',
  detailsEmpty:
    'Pick an incident or a finding on the timeline or in the list to see the rule, the law, the measured value against the limit and which agreements would lift it, or a worker to see how much is left before each limit.',
  detailsRule: 'Rule',
  detailsLaw: 'Legal basis',
  detailsWorker: 'Worker',
  detailsAssignments: 'Assignments',
  detailsWindow: 'Window',
  detailsMeasured: 'Measured',
  detailsLimit: 'Limit',
  detailsBasis: 'Why this limit',
  detailsReading: 'Reading',
  detailsConfidence: 'Source',
  detailsApplied: 'Agreements applied',
  detailsCuredBy: 'Agreements that would lift it',
  detailsNoCure: 'No agreement type lifts this finding; the message above says what it takes.',
  detailsHypothetical: 'Hypothetical: applies only if the oppdrag becomes an employment contract.',
  detailsTurnOn: 'Switch on for {who}',
  detailsIsOn: 'Switched on',
  detailsClose: 'Close',
  openLaw: 'Read the section on Lovdata',
  severity: { violation: 'Violation', warning: 'Warning', info: 'For information' },
  hypothetical: 'Hypothetical',
  unit: { hours: ['hour', 'hours'], count: ['', ''], ratio: ['', ''], weeks: ['week', 'weeks'] },
  confidence: { verified: 'read in the primary source', secondary: 'secondary source', unverified: 'not verified' },
  agreementsTitle: 'Agreements',
  agreementsHelp:
    'Switch agreements on and off and watch the findings and verdicts change. The page only edits the rota’s agreements and checks it again; the law lives in the service.',
  agreementsScope: 'Applies to',
  agreementsAll: 'All workers',
  agreementsRelevant: 'Named in the report',
  agreementsIndividual: 'Individual written agreements',
  agreementsCollective: 'Collective agreement, union or Labour Inspection',
  agreementsOthers: 'Other agreement types ({n})',
  agreementsLifts: 'can lift {n} findings',
  agreementsRequired: 'needed for conversion',
  agreementsForAll: 'applies to all',
  agreementsDated: 'with terms or dates from the rota file',
  agreementsReset: 'Reset to the rota’s agreements',
  agreementsNone: 'The rota has no agreements.',
  conversionsTitle: 'Converting oppdrag to employment',
  conversionsHelp:
    'For each oppdrag: could it become an employment contract, and on what basis? The verdict tries no agreement, then individual agreements, then collective agreements, and is the same whatever agreements the rota has. Below it: what the agreements you chose give.',
  conversionsNone: 'The rota has no oppdrag: every period is employment.',
  colAssignment: 'Oppdrag',
  colVerdict: 'Verdict',
  colNow: 'With the chosen agreements',
  colRequired: 'Agreements needed',
  colSuggestions: 'Suggestions (verified)',
  colEmployment: 'Already employment?',
  colHoursCost: 'Hours and cost',
  verdict: {
    convertible: 'Convertible as it stands',
    'convertible-with-agreement': 'Convertible with a written agreement',
    'needs-collective-agreement': 'Needs a collective agreement or consent',
    'not-convertible': 'Not convertible as the rota stands',
  },
  nowLawful: 'Lawful as employment with the agreements chosen',
  nowLawfulWarnings:
    'No violation with the agreements chosen, but {n} warning needs assessing|No violation with the agreements chosen, but {n} warnings need assessing',
  nowViolations: '{n} violations as employment with the agreements chosen now',
  nowMissing: 'Missing: {list}',
  noneRequired: 'None',
  selectedMark: 'chosen',
  blocking: 'Still breaks',
  noSuggestions: '—',
  verdictAfter: 'gives: {verdict}',
  likelihood: { high: 'High', probable: 'Probable', uncertain: 'Uncertain', low: 'Low' },
  likelihoodLabel: 'Likelihood that the oppdrag already is employment: {l}',
  reasons: 'Reasons',
  points: { employment: 'points to employment', independent: 'points to an independent contract' },
  hoursAsEmployment: '{n} h as employment',
  hoursPaidToday: '{n} h paid today',
  costAsEmployment: '{n} as employment',
  costToday: '{n} today',
  costDifference: 'difference {n}',
  kind: {
    'respite-carer-home': 'Respite in the carer’s home',
    'respite-user-home': 'Respite in the user’s home',
    'support-contact': 'Support contact',
    employment: 'Employed work',
  },
  contract: { oppdrag: 'oppdrag', arbeidsavtale: 'employment contract' },
  variantsTitle: 'Variants side by side',
  variantsHelp: 'The rota file names alternatives; each is checked on its own.',
  variantRota: 'The rota now',
  rowDescription: 'Description',
  rowViolations: 'Violations',
  rowWarnings: 'Warnings',
  rowHours: 'Hours',
  rowCost: 'Cost',
  rowVerdicts: 'Verdict per oppdrag',
  rowRules: 'Findings per rule',
  noOppdrag: 'no oppdrag',
  findingsTitle: 'All findings ({n})',
  colSeverity: 'Severity',
  colRule: 'Rule',
  colWorker: 'Worker',
  colWindow: 'Window',
  colMeasured: 'Measured / limit',
  show: 'Show',
  noFindings: 'No findings: the rota stays within the rules checked.',
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  weekdaysShort: ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'],
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  printedFrom: 'Printed from turnussjekk {date}',
};

const dictionaries = { nb, en };

/** @type {Lang} */
let current = 'nb';

/** @param {Lang} lang */
export function setLang(lang) {
  current = lang === 'en' ? 'en' : 'nb';
}

/** @returns {Lang} */
export function lang() {
  return current;
}

/** The entry itself (objects and lists, e.g. t.dict().verdict). */
export function dict() {
  return dictionaries[current];
}

/**
 * A string of the page: `{name}` placeholders are filled from params; `singular|plural` picks by `n`.
 * @param {keyof typeof nb} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params = {}) {
  let text = /** @type {string} */ (dictionaries[current][key] ?? nb[key] ?? key);
  if (typeof text !== 'string') return String(key);
  if (text.includes('|')) {
    const [one, many] = text.split('|');
    text = Number(params.n) === 1 ? one : many;
  }
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] !== undefined ? String(params[name]) : `{${name}}`));
}

/** A localized pair from the API ({nb, en}) in the current language. */
export function loc(pair) {
  if (!pair) return '';
  return pair[current] ?? pair.nb ?? '';
}

const numberFormats = {
  nb: new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};
const moneyFormats = {
  nb: new Intl.NumberFormat('nb-NO', { style: 'currency', currency: 'NOK', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'NOK', maximumFractionDigits: 0 }),
};

/** @param {number} n */
export function num(n) {
  return numberFormats[current].format(n);
}

/** @param {number} n */
export function money(n) {
  return moneyFormats[current].format(n);
}

/** A signed amount: +1 234 kr / −1 234 kr. */
export function signedMoney(n) {
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${money(Math.abs(n))}`;
}

/**
 * A measured value or limit with its unit: "56 timer", "25 %", "3".
 * @param {number} value
 * @param {string} unit
 */
export function withUnit(value, unit) {
  if (unit === 'ratio') return `${num(Math.round(value * 1000) / 10)} %`;
  const words = dict().unit[unit] ?? ['', ''];
  const word = value === 1 ? words[0] : words[1];
  return word ? `${num(value)} ${word}` : num(value);
}

/**
 * The wall time an ISO string with offset names, as the rota's zone shows it (the string holds it):
 * "fre. 28.02.2025 16:00" / "Fri 28 Feb 2025 16:00". No time-zone arithmetic happens here.
 * @param {string} iso e.g. 2025-02-28T16:00:00+01:00
 * @param {{ weekday?: boolean, year?: boolean, offset?: boolean }} [opts]
 */
export function wallTime(iso, opts = {}) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, h, mi, off] = m;
  const weekday = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay();
  const wd = opts.weekday === false ? '' : `${dict().weekdays[weekday]} `;
  const date =
    current === 'nb'
      ? `${d}.${mo}${opts.year === false ? '' : `.${y}`}`
      : `${Number(d)} ${dict().months[Number(mo) - 1].slice(0, 3)}${opts.year === false ? '' : ` ${y}`}`;
  const offset = opts.offset && off ? ` (${off === 'Z' ? '+00:00' : off})` : '';
  return `${wd}${date} ${h}:${mi}${offset}`;
}

/** The offset part of an ISO string ("+01:00"). */
export function offsetOf(iso) {
  const m = /(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  return m ? (m[1] === 'Z' ? '+00:00' : m[1]) : '';
}

/** A window "fre. 28.02.2025 16:00 – man. 03.03.2025 08:00", offsets shown when they differ. */
export function windowText(start, end) {
  const differ = offsetOf(start) !== offsetOf(end);
  return `${wallTime(start, { offset: differ })} – ${wallTime(end, { offset: differ })}`;
}

/**
 * A window as short as it can be said: whole days ("man. 06.01 – søn. 30.03.2025") when it runs from
 * midnight to midnight, else as windowText.
 */
export function spanText(start, end) {
  const midnight = /T00:00(?::00)?(?:Z|[+-]\d{2}:\d{2})?$/;
  if (!midnight.test(start) || !midnight.test(end)) {
    // Within one day: "tir. 07.01.2025 07:30–20:00".
    if (start.slice(0, 10) === end.slice(0, 10) && offsetOf(start) === offsetOf(end))
      return `${wallTime(start)}–${wallTime(end).split(' ').pop()}`;
    return windowText(start, end);
  }
  // The last day is the one before the end's midnight (calendar arithmetic on the date alone).
  const [y, m, d] = end.slice(0, 10).split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  const day = (date, year) => wallTime(`${date}T00:00`, { year }).replace(/ 00:00$/, '');
  return start.slice(0, 10) === last ? day(last, true) : `${day(start.slice(0, 10), false)} – ${day(last, true)}`;
}
