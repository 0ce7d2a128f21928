import { describe, expect, it } from 'vitest';
import { isoDateOfCell, localIsoDate, parseIsoDate, parseWrittenDate } from '../../src/util/calendar-date.js';

describe('calendar dates', () => {
  it('--date: exactly YYYY-MM-DD and a day that exists', () => {
    expect(['2024-11-20', ' 2024-02-29 ', '2023-02-29', '2024-11-31', '2024/11/20', '2024-1-2', '20241120', ''].map(parseIsoDate)).toEqual([
      '2024-11-20',
      '2024-02-29',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('a cell as people type it: -, /, ., 年月日, full-width digits', () => {
    expect(['2024-11-20', '2024/1/2', '2024.11.20', '2024年1月2日', '２０２４年１１月２０日', '2024 年 11 月 20 号', '2024年13月1日', '下周三', '45616'].map(parseWrittenDate)).toEqual([
      '2024-11-20',
      '2024-01-02',
      '2024-11-20',
      '2024-01-02',
      '2024-11-20',
      '2024-11-20',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('a date cell’s day (UTC midnight, as the readers give it) and today on this machine’s calendar', () => {
    expect(isoDateOfCell(new Date(Date.UTC(2024, 10, 20)))).toBe('2024-11-20');
    expect(isoDateOfCell(new Date(Number.NaN))).toBeUndefined();
    const now = new Date(2026, 11, 6, 12, 0, 0);
    expect(localIsoDate(now)).toBe('2026-12-06');
  });
});
