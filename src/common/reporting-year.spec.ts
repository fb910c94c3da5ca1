import { parseReportingYear, reportingYearOf, reportingYearOrNullOf } from './reporting-year.js';

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

  it('writes every year with four digits, and reads back what it writes', () => {
    expect(reportingYearOf('0000-01-01', 1)).toEqual({ label: '0000', from: '0000-01-01', until: '0001-01-01' });
    expect(reportingYearOf('0000-04-01', 4)).toEqual({ label: '0000-0001', from: '0000-04-01', until: '0001-04-01' });
    expect(reportingYearOf('0999-12-31', 4)).toEqual({ label: '0999-1000', from: '0999-04-01', until: '1000-04-01' });
    expect(reportingYearOf('0500-02-10', 4).label).toBe('0499-0500');
    expect(reportingYearOf('9999-03-31', 4)).toEqual({ label: '9998-9999', from: '9998-04-01', until: '9999-04-01' });
    const dates: [string, number][] = [
      ['0000-04-01', 4],
      ['0999-12-31', 4],
      ['0042-06-30', 9],
      ['0007-07-07', 1],
      ['9998-12-31', 1],
    ];
    for (const [date, startMonth] of dates) {
      const year = reportingYearOf(date, startMonth);
      expect(parseReportingYear(year.label, startMonth)).toEqual(year);
    }
  });

  it('names the date that falls in no reporting year it can write', () => {
    expect(() => reportingYearOf('0000-01-01', 4)).toThrow('0000-01-01 falls in no reporting year');
    expect(() => reportingYearOf('9999-12-31', 4)).toThrow('9999-12-31 falls in no reporting year');
    expect(() => reportingYearOf('9999-12-31', 1)).toThrow(RangeError);
    expect(reportingYearOrNullOf('9999-04-01', 4)).toBeNull();
    expect(reportingYearOrNullOf('-000001-01-01', 4)).toBeNull();
    expect(parseReportingYear('9999-10000', 4)).toBeNull();
    expect(parseReportingYear('9999', 1)).toBeNull();
  });

  it('refuses what is not a reporting year', () => {
    expect(parseReportingYear('2023-2025', 4)).toBeNull();
    expect(parseReportingYear('2023', 4)).toBeNull();
    expect(parseReportingYear('2023-2024', 1)).toBeNull();
    expect(parseReportingYear('last year', 4)).toBeNull();
    expect(parseReportingYear('0-1', 4)).toBeNull();
    expect(parseReportingYear('999-1000', 4)).toBeNull();
  });
});
