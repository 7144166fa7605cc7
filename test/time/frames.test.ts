// Fixed frames (docs/legal/01-fixed-frames.md): 24-hour frames from the day boundary, 7-day frames from the week
// start, on the wall clock; on DST days a frame is 23 or 25 elapsed hours.
import { describe, expect, it } from 'vitest';
import {
  dayFrames,
  dayFrameStart,
  weekFrames,
  weekFrameStart,
  type Frame,
  type FrameAnchor,
} from '../../src/time/frames.ts';
import { formatInstant, hours, parseInstant } from '../../src/time/instant.ts';

const OSLO = 'Europe/Oslo';
const at = (text: string): number => parseInstant(text, OSLO);
const anchor = (dayStart = '00:00', weekStartWeekday = 1): FrameAnchor => {
  const [h, m] = dayStart.split(':').map(Number) as [number, number];
  return { zone: OSLO, dayStartMinutes: h * 60 + m, weekStartWeekday };
};
const show = (f: Frame) => ({
  start: formatInstant(f.start, OSLO),
  end: formatInstant(f.end, OSLO),
  hours: hours(f.end - f.start),
});

describe('day frames', () => {
  it.each([
    {
      name: 'an ordinary day is 24 h',
      day: '2025-03-07',
      start: '2025-03-07T00:00:00+01:00',
      end: '2025-03-08T00:00:00+01:00',
      h: 24,
    },
    {
      name: 'the spring DST day 2025-03-30 is 23 h',
      day: '2025-03-30',
      start: '2025-03-30T00:00:00+01:00',
      end: '2025-03-31T00:00:00+02:00',
      h: 23,
    },
    {
      name: 'the autumn DST day 2025-10-26 is 25 h',
      day: '2025-10-26',
      start: '2025-10-26T00:00:00+02:00',
      end: '2025-10-27T00:00:00+01:00',
      h: 25,
    },
    {
      name: 'the day after spring DST is 24 h again',
      day: '2025-03-31',
      start: '2025-03-31T00:00:00+02:00',
      end: '2025-04-01T00:00:00+02:00',
      h: 24,
    },
  ])('$name', ({ day, start, end, h }) => {
    const frames = dayFrames(at(`${day}T12:00`), at(`${day}T12:01`), anchor());
    expect(frames.map(show)).toEqual([{ start, end, hours: h }]);
  });

  it('three days around spring DST are 24 + 23 + 24 h and tile time without gaps', () => {
    const frames = dayFrames(at('2025-03-29T12:00'), at('2025-03-31T12:00'), anchor());
    expect(frames.map((f) => hours(f.end - f.start))).toEqual([24, 23, 24]);
    frames.slice(1).forEach((f, i) => {
      expect(f.start).toBe(frames[i]!.end);
    });
  });

  it('three days around autumn DST are 24 + 25 + 24 h and tile time without gaps', () => {
    const frames = dayFrames(at('2025-10-25T12:00'), at('2025-10-27T12:00'), anchor());
    expect(frames.map((f) => hours(f.end - f.start))).toEqual([24, 25, 24]);
    frames.slice(1).forEach((f, i) => {
      expect(f.start).toBe(frames[i]!.end);
    });
  });

  it.each([
    {
      name: '00:00 exactly belongs to the day it starts',
      instant: '2025-03-10T00:00',
      start: '2025-03-10T00:00:00+01:00',
    },
    { name: '23:59 belongs to the same day', instant: '2025-03-10T23:59', start: '2025-03-10T00:00:00+01:00' },
    {
      name: 'the second 02:30 of the autumn night is still 26 October',
      instant: '2025-10-26T02:30+01:00',
      start: '2025-10-26T00:00:00+02:00',
    },
    {
      name: '03:00 on the spring DST day belongs to 30 March',
      instant: '2025-03-30T03:00',
      start: '2025-03-30T00:00:00+01:00',
    },
  ])('dayFrameStart: $name', ({ instant, start }) => {
    expect(formatInstant(dayFrameStart(at(instant), anchor()), OSLO)).toBe(start);
  });

  it('a single instant gets exactly one frame', () => {
    expect(dayFrames(at('2025-03-10T05:00'), at('2025-03-10T05:00'), anchor()).map(show)).toEqual([
      { start: '2025-03-10T00:00:00+01:00', end: '2025-03-11T00:00:00+01:00', hours: 24 },
    ]);
  });

  it('a range ending exactly at midnight does not open the next frame', () => {
    expect(dayFrames(at('2025-03-10T08:00'), at('2025-03-11T00:00'), anchor())).toHaveLength(1);
    expect(dayFrames(at('2025-03-10T08:00'), at('2025-03-11T00:01'), anchor())).toHaveLength(2);
  });
});

describe('custom day start (døgnskille) 06:00', () => {
  it.each([
    {
      name: '05:59 belongs to the frame that began 06:00 the day before',
      instant: '2025-03-10T05:59',
      start: '2025-03-09T06:00:00+01:00',
    },
    { name: '06:00 exactly opens a new frame', instant: '2025-03-10T06:00', start: '2025-03-10T06:00:00+01:00' },
    {
      name: '23:00 belongs to the frame of the same morning',
      instant: '2025-03-10T23:00',
      start: '2025-03-10T06:00:00+01:00',
    },
  ])('$name', ({ instant, start }) => {
    expect(formatInstant(dayFrameStart(at(instant), anchor('06:00')), OSLO)).toBe(start);
  });

  it('the frame holding the spring change (06:00 Sat → 06:00 Sun) is 23 h', () => {
    expect(dayFrames(at('2025-03-29T12:00'), at('2025-03-29T12:01'), anchor('06:00')).map(show)).toEqual([
      { start: '2025-03-29T06:00:00+01:00', end: '2025-03-30T06:00:00+02:00', hours: 23 },
    ]);
  });

  it('the frame holding the autumn change (06:00 Sat → 06:00 Sun) is 25 h; the DST Sunday frame itself is 24 h', () => {
    expect(dayFrames(at('2025-10-25T12:00'), at('2025-10-26T12:00'), anchor('06:00')).map(show)).toEqual([
      { start: '2025-10-25T06:00:00+02:00', end: '2025-10-26T06:00:00+01:00', hours: 25 },
      { start: '2025-10-26T06:00:00+01:00', end: '2025-10-27T06:00:00+01:00', hours: 24 },
    ]);
  });

  it('a day start inside the spring gap (02:30) still tiles the two days around it into 47 h', () => {
    const frames = dayFrames(at('2025-03-29T12:00'), at('2025-03-30T12:00'), anchor('02:30'));
    expect(frames).toHaveLength(2);
    expect(frames[1]!.start).toBe(frames[0]!.end);
    expect(hours(frames[1]!.end - frames[0]!.start)).toBe(47);
    expect(formatInstant(frames[0]!.start, OSLO)).toBe('2025-03-29T02:30:00+01:00');
    expect(formatInstant(frames[1]!.end, OSLO)).toBe('2025-03-31T02:30:00+02:00');
  });
});

describe('week frames', () => {
  it.each([
    { name: 'a Wednesday', instant: '2025-03-05T12:00', start: '2025-03-03T00:00:00+01:00' },
    { name: 'Monday 00:00 exactly opens the week', instant: '2025-03-10T00:00', start: '2025-03-10T00:00:00+01:00' },
    { name: 'Sunday 23:59 is still the old week', instant: '2025-03-09T23:59', start: '2025-03-03T00:00:00+01:00' },
    { name: 'the spring DST Sunday', instant: '2025-03-30T12:00', start: '2025-03-24T00:00:00+01:00' },
    { name: 'the autumn DST Sunday', instant: '2025-10-26T12:00', start: '2025-10-20T00:00:00+02:00' },
  ])('start on Monday 00:00 local: $name', ({ instant, start }) => {
    expect(formatInstant(weekFrameStart(at(instant), anchor()), OSLO)).toBe(start);
  });

  it.each([
    {
      name: 'an ordinary week is 168 h',
      instant: '2025-03-05T12:00',
      start: '2025-03-03T00:00:00+01:00',
      end: '2025-03-10T00:00:00+01:00',
      h: 168,
    },
    {
      name: 'the week with spring DST is 167 h',
      instant: '2025-03-30T12:00',
      start: '2025-03-24T00:00:00+01:00',
      end: '2025-03-31T00:00:00+02:00',
      h: 167,
    },
    {
      name: 'the week with autumn DST is 169 h',
      instant: '2025-10-26T12:00',
      start: '2025-10-20T00:00:00+02:00',
      end: '2025-10-27T00:00:00+01:00',
      h: 169,
    },
  ])('$name', ({ instant, start, end, h }) => {
    expect(weekFrames(at(instant), at(instant), anchor()).map(show)).toEqual([{ start, end, hours: h }]);
  });

  it('consecutive week frames start every Monday 00:00 local', () => {
    const frames = weekFrames(at('2025-03-24T08:00'), at('2025-04-08T08:00'), anchor());
    expect(frames.map((f) => formatInstant(f.start, OSLO))).toEqual([
      '2025-03-24T00:00:00+01:00',
      '2025-03-31T00:00:00+02:00',
      '2025-04-07T00:00:00+02:00',
    ]);
    expect(frames.map((f) => hours(f.end - f.start))).toEqual([167, 168, 168]);
  });

  it.each([
    {
      name: 'week start Sunday: a Monday belongs to the week from the Sunday before',
      weekday: 7,
      dayStart: '00:00',
      instant: '2025-03-10T05:00',
      start: '2025-03-09T00:00:00+01:00',
    },
    {
      name: 'week start Sunday: Sunday 00:00 opens the week',
      weekday: 7,
      dayStart: '00:00',
      instant: '2025-03-09T00:00',
      start: '2025-03-09T00:00:00+01:00',
    },
    {
      name: 'week start Saturday',
      weekday: 6,
      dayStart: '00:00',
      instant: '2025-03-07T23:00',
      start: '2025-03-01T00:00:00+01:00',
    },
    {
      name: 'day start 06:00: the week opens Monday 06:00',
      weekday: 1,
      dayStart: '06:00',
      instant: '2025-03-10T06:00',
      start: '2025-03-10T06:00:00+01:00',
    },
    {
      name: 'day start 06:00: Monday 05:00 still belongs to last week',
      weekday: 1,
      dayStart: '06:00',
      instant: '2025-03-10T05:00',
      start: '2025-03-03T06:00:00+01:00',
    },
  ])('$name', ({ weekday, dayStart, instant, start }) => {
    expect(formatInstant(weekFrameStart(at(instant), anchor(dayStart, weekday)), OSLO)).toBe(start);
  });
});
