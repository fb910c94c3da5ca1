/**
 * bench/imports: a file of ROWS projects (10,000 by default) sent to POST /imports/projects over
 * HTTP against the running service: checked (a dry run), applied, then applied again (which changes
 * nothing). For each: the answer time and the growth of the process's memory; for the application,
 * the longest transaction, which is how long other writes wait behind it on SQLite.
 * Targets: 10,000 rows checked in under 10 s, applied holding other writes for under 5 s (SQLite).
 *
 * The file mixes what a federation's history holds: cohorts of Parcours COOP (twenty of them,
 * created by the file), and start-up accompaniment projects, each row with its stage dates, some
 * abandoned, some with two contacts.
 *
 *   npm run bench:imports                          # SQLite, in a temporary file
 *   DATABASE_URL=postgres://... npm run bench:imports
 *   ROWS=20000 npm run bench:imports
 */
import { fmt, listenAndSignIn, onEveryTransaction, runBench, startBenchApp, timed } from './support.js';

const ROWS = Number(process.env.ROWS ?? 10_000);
const COHORTS = 20;

const HEADER = [
  'Programme',
  'Cohorte',
  'Début de la cohorte',
  'Fin de la cohorte',
  'Formule de la cohorte',
  'Projet',
  'Secteur',
  'Type de projet',
  'Type de coopérative',
  'Région',
  'Entrepreneur·e·s',
  "Date d'inscription",
  'Date : Inscription',
  'Date : Formation en cours',
  'Date : Formation complétée',
  'Date : Constitution en coopérative',
  'Date : Premier contact',
  'Date : Accompagnement formel',
  'Date : Montage financier',
  'Statut',
  'Motif du statut',
  'Date du statut',
  'Contacts',
  'Courriels',
];

const day = (base: string, plus: number) =>
  new Date(Date.parse(`${base}T12:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

/** Row i of the file: a third in cohorts, the rest in start-up accompaniment. */
function row(i: number): string {
  const inCohort = i % 3 === 0;
  const start = day('2019-04-01', (i * 7) % 1500);
  const abandoned = i % 11 === 0;
  const contacts = i % 4 === 0;
  const cells: Record<string, string | number> = inCohort
    ? {
        Programme: 'parcours-coop',
        Cohorte: (i % COHORTS) + 1,
        'Début de la cohorte': day('2019-04-01', (i % COHORTS) * 60),
        'Fin de la cohorte': day('2019-04-01', (i % COHORTS) * 60 + 150),
        'Formule de la cohorte': 'À distance',
        "Date d'inscription": start,
        'Date : Inscription': start,
        'Date : Formation en cours': day(start, 10),
        'Date : Formation complétée': i % 2 ? day(start, 150) : '',
        'Date : Constitution en coopérative': i % 6 === 3 ? day(start, 200) : '',
      }
    : {
        Programme: 'demarrage',
        "Date d'inscription": start,
        'Date : Premier contact': start,
        'Date : Accompagnement formel': i % 2 ? day(start, 30) : '',
        'Date : Montage financier': i % 4 === 1 ? day(start, 120) : '',
      };
  Object.assign(cells, {
    Projet: `Coop importée ${i}`,
    Secteur: 'services',
    'Type de projet': i % 5 ? 'Démarrage' : 'Transfert',
    'Type de coopérative': 'Coopérative de travail',
    Région: String((i % 17) + 1).padStart(2, '0'),
    'Entrepreneur·e·s': (i % 6) + 1,
    Statut: abandoned ? 'Abandonné' : 'Actif',
    'Motif du statut': abandoned ? 'Équipe dissoute' : '',
    'Date du statut': abandoned ? day(start, 400) : '',
    Contacts: contacts ? `Personne ${i}; Autre ${i}` : '',
    Courriels: contacts ? `p${i}@exemple.org; a${i}@exemple.org` : '',
  });
  return HEADER.map((h) => String(cells[h] ?? '')).join(',');
}

async function main() {
  const { app, engine, cleanup } = await startBenchApp('imports', { ROLE: 'api' });
  try {
    const file = Buffer.from([HEADER.join(','), ...Array.from({ length: ROWS }, (_, i) => row(i + 1))].join('\r\n'));
    console.log(`bench/imports on ${engine}: ${ROWS} rows, ${(file.length / 1_048_576).toFixed(1)} MB of CSV`);

    // The longest transaction while the application runs: how long other writes wait on SQLite.
    const transactions: number[] = [];
    onEveryTransaction(app, (ms) => transactions.push(ms));

    const { base, accessToken } = await listenAndSignIn(app);
    const send = async (dryRun: boolean) => {
      const form = new FormData();
      form.append('file', new Blob([file], { type: 'text/csv' }), 'histoire.csv');
      const response = await fetch(`${base}/imports/projects?dryRun=${dryRun}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: form,
      });
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status !== 200) throw new Error(`${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
      return body;
    };
    const measure = async (label: string, dryRun: boolean) => {
      transactions.length = 0;
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const { ms, result } = await timed(() => send(dryRun));
      clearInterval(sampler);
      const longest = Math.max(0, ...transactions);
      const counts = `${String(result.projectsCreated)} projects created, ${String(result.projectsUnchanged)} unchanged, ${String(result.movesCreated)} moves`;
      console.log(
        `  ${label.padEnd(14)} ${fmt(ms).padStart(8)}   longest transaction ${fmt(longest).padStart(8)}   ` +
          `peak RSS growth ${((peak - rssBefore) / 1_048_576).toFixed(0)} MB   (${counts})`,
      );
    };
    await measure('dry run', true);
    await measure('applied', false);
    await measure('applied again', false);
    console.log('  (targets on SQLite: checked in < 10 s, applied holding other writes < 5 s)');
  } finally {
    await cleanup();
  }
}

runBench(main);
