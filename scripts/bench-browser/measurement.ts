/** One figure of `npm run bench`: a value, its DESIGN.md budget and a baseline measured in the same run. */
export interface Measurement {
  readonly name: string;
  readonly value: number;
  /** `ms` and `KB`: lower is better, within budget at or below it; `documents/s`: higher is better. */
  readonly unit: 'ms' | 'documents/s' | 'KB';
  readonly budget: number;
  readonly baseline: number;
  readonly baselineName: string;
  /** Said after the figure, for people. */
  readonly note?: string;
}
