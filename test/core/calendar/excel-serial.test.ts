import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addDays, DATE_1904_OFFSET, fromExcelSerial, isoDate, serialOfWallTime, toExcelSerial, type DateSystem } from '../../../core/calendar/calendar-date.js';

/** Every date both systems can hold: 1904-01-01 (1904's serial 0) to 9999-12-31. */
const sharedDate = fc.integer({ min: 0, max: 2_957_003 }).map((days) => addDays(isoDate('1904-01-01'), days));

describe('Excel serials in the 1900 and the 1904 date system (docs/RULES.md, "Workbook cells")', () => {
  test.each<[DateSystem, number, string | null]>([
    ['1904', 0, '1904-01-01'],
    ['1904', 1, '1904-01-02'],
    ['1904', 42_735, '2021-01-01'],
    ['1904', 2_957_003, '9999-12-31'],
    ['1904', 2_957_003.999, '9999-12-31'],
    ['1904', 2_957_004, null],
    ['1904', -0.001, null],
    ['1904', -1, null],
    ['1904', Number.NaN, null],
    ['1904', Infinity, null],
    ['1904', -Infinity, null],
    ['1900', 1462, '1904-01-01'],
    ['1900', 44_197, '2021-01-01'],
    ['1900', 2_958_465, '9999-12-31'],
    ['1900', 2_958_466, null],
    ['1900', 0, null],
  ])('in the %s system serial %d is %s', (system, serial, date) => {
    expect(fromExcelSerial(serial, system)).toBe(date);
  });

  test('a date\'s serial, in either system', () => {
    expect(toExcelSerial(isoDate('2021-01-01'), '1904')).toBe(42_735);
    expect(toExcelSerial(isoDate('2021-01-01'), '1900')).toBe(44_197);
    expect(toExcelSerial(isoDate('1904-01-01'), '1904')).toBe(0);
    expect(toExcelSerial(isoDate('9999-12-31'), '1904')).toBe(2_957_003);
  });

  test('the two systems\' day 0 are 1,462 days apart', () => {
    expect(DATE_1904_OFFSET).toBe(1462);
  });

  test.each<[DateSystem, string]>([
    ['1904', '1903-12-31'],
    ['1904', '1900-03-01'],
    ['1904', '1850-06-15'],
    ['1900', '1899-12-30'],
    ['1900', '1850-06-15'],
  ])('in the %s system %s has no serial: null, never a number that reads back as no date', (system, date) => {
    expect(toExcelSerial(isoDate(date), system)).toBeNull();
  });

  test('the first day of each system has its first serial', () => {
    expect(toExcelSerial(isoDate('1904-01-01'), '1904')).toBe(0);
    expect(toExcelSerial(isoDate('1900-01-01'), '1900')).toBe(1);
    expect(toExcelSerial(isoDate('1899-12-31'), '1900')).toBeNull();
  });

  test('the 1900 system counts a 1900-02-29 that never was: the days before it are one serial lower, and serial 60 is no date', () => {
    expect(toExcelSerial(isoDate('1900-02-28'), '1900')).toBe(59);
    expect(toExcelSerial(isoDate('1900-03-01'), '1900')).toBe(61);
    expect([1, 59, 59.5, 60, 60.9, 61].map((n) => fromExcelSerial(n, '1900'))).toEqual(['1900-01-01', '1900-02-28', '1900-02-28', null, null, '1900-03-01']);
  });

  test('a date gets a serial exactly when that serial reads back as the date, in either system', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 2_960_000 }), fc.constantFrom<DateSystem>('1900', '1904'), (days, system) => {
        const date = addDays(isoDate('1899-12-30'), days);
        const serial = toExcelSerial(date, system);
        if (serial === null) {
          // No number in the system is this date.
          expect(days < (system === '1900' ? 2 : DATE_1904_OFFSET) || days > 2_958_465).toBe(true);
        } else {
          expect(fromExcelSerial(serial, system)).toBe(date);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('every whole serial Excel shows as a date reads as the date whose serial it is, in either system', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_958_465 }), fc.constantFrom<DateSystem>('1900', '1904'), (serial, system) => {
        const date = fromExcelSerial(serial, system);
        const isDate = system === '1900' ? serial >= 1 && serial !== 60 : serial <= 2_958_465 - DATE_1904_OFFSET;
        expect(date !== null).toBe(isDate);
        if (date !== null) expect(toExcelSerial(date, system)).toBe(serial);
      }),
      { numRuns: 3000 },
    );
    for (const serial of [1, 59, 61]) expect(toExcelSerial(fromExcelSerial(serial, '1900')!, '1900')).toBe(serial);
  });

  test('a date has one serial in each system, 1,462 apart, and each reads back as the date', () => {
    fc.assert(
      fc.property(sharedDate, (date) => {
        const s1900 = toExcelSerial(date, '1900')!;
        const s1904 = toExcelSerial(date, '1904')!;
        expect(s1900 - s1904).toBe(1462);
        expect(fromExcelSerial(s1900, '1900')).toBe(date);
        expect(fromExcelSerial(s1904, '1904')).toBe(date);
      }),
      { numRuns: 2000 },
    );
  });

  test('a serial read in one system and written in the other moves by 1,462, whatever its time of day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_957_003 }), fc.integer({ min: 0, max: 86_399 }), (day, second) => {
        const cell = day + second / 86_400;
        const date = fromExcelSerial(cell, '1904')!;
        expect(toExcelSerial(date, '1904')).toBe(day);
        expect(toExcelSerial(date, '1900')).toBe(day + 1462);
        // The same number means another date in the other system: never the same one.
        expect(fromExcelSerial(cell, '1900')).not.toBe(date);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a wall time handed over as UTC milliseconds (a reader\'s Date)', () => {
  test('is the serial of its day in either system, its time of day the fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_900_000 }), fc.constantFrom<DateSystem>('1900', '1904'), fc.integer({ min: 0, max: 23 }), (n, system, hour) => {
        const day = addDays(isoDate('1904-01-01'), n % 2_900_000);
        const serial = toExcelSerial(day, system);
        fc.pre(serial !== null);
        const [y, m, d] = day.split('-').map(Number) as [number, number, number];
        expect(serialOfWallTime(Date.UTC(y, m - 1, d), system)).toBe(serial);
        expect(serialOfWallTime(Date.UTC(y, m - 1, d, hour), system)).toBeCloseTo(serial! + hour / 24, 9);
      }),
    );
  });
});
