import type { ExportLang } from '../../exports/export-format.js';
import { moneyCell, type Cell, type Table } from '../../exports/table.js';
import type { FinancingReport, YearAmounts, YearFinancing } from './financing-report.types.js';

const HEADERS = {
  source: { fr: 'Source', en: 'Source' },
  instrument: { fr: 'Instrument', en: 'Instrument' },
  program: { fr: 'Programme', en: 'Program' },
  cohort: { fr: 'Cohorte', en: 'Cohort' },
  label: { fr: 'Libellé', en: 'Label' },
  requested: { fr: 'Montant demandé ($)', en: 'Amount requested ($)' },
  granted: { fr: 'Montant accordé ($)', en: 'Amount granted ($)' },
  financed: { fr: 'Projets financés', en: 'Projects financed' },
};
type Header = keyof typeof HEADERS;

const columns = (names: Header[], lang: ExportLang) => names.map((name) => ({ header: HEADERS[name][lang] }));
const money = (figures: YearAmounts): Cell[] => [moneyCell(figures.requestedCents), moneyCell(figures.grantedCents)];
const withProjects = (figures: YearFinancing): Cell[] => [...money(figures), figures.projectsFinanced];
const label = (item: { labelFr: string; labelEn: string }, lang: ExportLang) =>
  lang === 'fr' ? item.labelFr : item.labelEn;

/** The year's financing as four tables: by source, by instrument, by program, by cohort. */
export function financingReportTables(report: FinancingReport, lang: ExportLang): Table[] {
  const fr = lang === 'fr';
  const { year, total } = report;
  const rule = fr
    ? 'demandé : date de dépôt dans l’année ; accordé : date de décision dans l’année'
    : 'requested: submitted in the year; granted: decided in the year';
  const programNames = new Map(report.programs.map((p) => [p.code, fr ? p.nameFr : p.nameEn]));
  return [
    {
      sheet: fr ? 'Par source' : 'By source',
      title: fr ? `Financement ${year} par source (${rule})` : `Financing ${year} by source (${rule})`,
      columns: columns(['source', 'requested', 'granted'], lang),
      rows: [...report.bySource.map((s) => [label(s, lang), ...money(s)]), ['Total', ...money(total)]],
    },
    {
      sheet: fr ? 'Par instrument' : 'By instrument',
      title: fr ? `Financement ${year} par instrument` : `Financing ${year} by instrument`,
      columns: columns(['instrument', 'requested', 'granted'], lang),
      rows: [...report.byInstrument.map((i) => [label(i, lang), ...money(i)]), ['Total', ...money(total)]],
    },
    {
      sheet: fr ? 'Par programme' : 'By program',
      title: fr
        ? `Financement ${year} par programme (un projet inscrit à deux programmes figure dans chacun ; le réseau le compte une fois)`
        : `Financing ${year} by program (a project enrolled in two programs is in each; the network counts it once)`,
      columns: columns(['program', 'requested', 'granted', 'financed'], lang),
      rows: [
        ...report.programs.map((p) => [fr ? p.nameFr : p.nameEn, ...withProjects(p)]),
        [fr ? 'Réseau' : 'Network', ...withProjects(total)],
      ],
    },
    {
      sheet: fr ? 'Par cohorte' : 'By cohort',
      title: fr ? `Financement ${year} par cohorte` : `Financing ${year} by cohort`,
      columns: columns(['program', 'cohort', 'label', 'requested', 'granted', 'financed'], lang),
      rows: report.cohorts.map((c) => [
        programNames.get(c.programCode) ?? c.programCode,
        c.number,
        c.label,
        ...withProjects(c),
      ]),
    },
  ];
}
