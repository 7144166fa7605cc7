import type { Frame } from '../time/frames.ts';
import type { WorkInterval } from '../timeline/build.ts';

/** Continuous work of one worker in one undertaking: the union of touching or overlapping periods. */
export interface WorkBlock {
  start: number;
  end: number;
  /** Assignments that contribute to the block, in first-seen order. */
  assignmentIds: string[];
}

/** One window a measure looked at: what was measured there and where, in one shape for every rule. */
export interface FactWindow {
  start: number;
  end: number;
  /** Hours (elapsed). */
  measured: number;
  /** The instant whose law and agreements apply to this window. */
  at: number;
  /** Blocks [from, to) whose work the window covers; assignments are read from them only when reported. */
  blockRange?: [number, number];
  /** Assignments the window concerns, when not given by blocks. */
  assignmentIds?: string[];
  details?: Record<string, number>;
}

/** What a measure sees: one worker's work in one undertaking, in time order, with the fixed frames around it. */
export interface WorkFacts {
  intervals: WorkInterval[];
  blocks: WorkBlock[];
  dayFrames: Frame[];
  weekFrames: Frame[];
  /** Every week frame of the plan, and the index of the week multi-week blocks are counted from. */
  plan: { weeks: Frame[]; referenceWeek: number };
}

/** Limit in force at an instant, in hours, or undefined when the provision was not in force. */
export type LimitAt = (at: number) => number | undefined;

export interface MeasureInput {
  facts: WorkFacts;
  limitAt: LimitAt;
  /** Length in hours of the window the provision measures over (e.g. 24), when it names one. */
  windowHours: number | undefined;
}

export type Measure = (input: MeasureInput) => FactWindow[];
