import { parseReportingYear, reportingYearOf } from './reporting-year.js';

describe('reporting years', () => {
  it('runs from April to March by default', () => {
    expect(parseReportingYear('2023-2024', 4)).toEqual({ label: '2023-2024', from: '2023-04-01', until: '2024-04-01' });
    expect(reportingYearOf('2023-04-01', 4).label).toBe('2023-2024');
    expect(reportingYearOf('2024-03-31', 4).label).toBe('2023-2024');
    expect(reportingYearOf('2023-03-31', 4).label).toBe('2022-2023');
  });

  it('follows a configured first month', () => {
    expect(parseReportingYear('2023-2024', 9)).toEqual({ label: '2023-2024', from: '2023-09-01', until: '2024-09-01' });
    expect(reportingYearOf('2024-08-15', 9).label).toBe('2023-2024');
    expect(parseReportingYear('2024', 1)).toEqual({ label: '2024', from: '2024-01-01', until: '2025-01-01' });
  });

  it('refuses what is not a reporting year', () => {
    expect(parseReportingYear('2023-2025', 4)).toBeNull();
    expect(parseReportingYear('2023', 4)).toBeNull();
    expect(parseReportingYear('2023-2024', 1)).toBeNull();
    expect(parseReportingYear('last year', 4)).toBeNull();
  });
});
