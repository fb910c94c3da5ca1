import type { ExportLang } from '../../exports/export-format.js';
import type { Cell, Table } from '../../exports/table.js';
import type { AdvisoryReport } from '../advisory-report.service.js';

const columns = (headers: string[]) => headers.map((header) => ({ header }));

/** The advisory services report as tables: the totals, then by type, by advisor (managers only), by region. */
export function advisoryTables(report: AdvisoryReport, lang: ExportLang): Table[] {
  const fr = lang === 'fr';
  const { year, previous, change } = report;
  const summary: Table = {
    sheet: fr ? 'Sommaire' : 'Summary',
    title: fr ? `Services-conseils ${year}` : `Advisory services ${year}`,
    columns: columns(fr ? ['Indicateur', 'Valeur'] : ['Indicator', 'Value']),
    rows: [
      [fr ? `Heures ${year}` : `Hours ${year}`, report.hours],
      [fr ? `Coopératives servies ${year}` : `Co-ops served ${year}`, report.coops],
      [fr ? `Heures ${previous.year}` : `Hours ${previous.year}`, previous.hours],
      [fr ? `Coopératives servies ${previous.year}` : `Co-ops served ${previous.year}`, previous.coops],
      [fr ? 'Variation des heures' : 'Change in hours', change.hours],
      [fr ? 'Variation des coopératives servies' : 'Change in co-ops served', change.coops],
    ],
  };
  const byType: Cell[][] = [];
  for (const family of report.byFamily) {
    const familyLabel = fr ? family.labelFr : family.labelEn;
    for (const type of family.types) byType.push([familyLabel, fr ? type.labelFr : type.labelEn, type.hours]);
    byType.push([familyLabel, 'Total', family.hours]);
  }
  const tables: Table[] = [
    summary,
    {
      sheet: fr ? 'Par type' : 'By type',
      title: fr ? "Heures par type d'intervention" : 'Hours by intervention type',
      columns: columns(fr ? ['Famille', 'Type', 'Heures'] : ['Family', 'Type', 'Hours']),
      rows: byType,
    },
  ];
  if (report.byAdvisor) {
    tables.push({
      sheet: fr ? 'Par conseiller' : 'By advisor',
      title: fr ? 'Heures par conseiller·ère' : 'Hours by advisor',
      columns: columns(fr ? ['Conseiller·ère', 'Heures'] : ['Advisor', 'Hours']),
      rows: report.byAdvisor.map((advisor) => [advisor.name, advisor.hours]),
    });
  }
  tables.push({
    sheet: fr ? 'Par région' : 'By region',
    title: fr ? 'Heures par région' : 'Hours by region',
    columns: columns(fr ? ['Région', 'Heures', 'Coopératives servies'] : ['Region', 'Hours', 'Co-ops served']),
    rows: report.byRegion.map((region) => [region.region, region.hours, region.coops]),
  });
  return tables;
}
