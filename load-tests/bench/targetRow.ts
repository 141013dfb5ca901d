/**
 * One row of the bench's targets table (targetSummary.ts): a target, what
 * this run measured for it, and the verdict. A row whose part did not run says
 * which part or command measures it.
 */
export type Verdict = 'met' | 'missed' | 'not run';

export interface TargetRow {
  target: string;
  measured: string;
  verdict: Verdict;
}

export const notRun = (target: string, how: string): TargetRow => ({ target, measured: `not in this run (${how})`, verdict: 'not run' });
export const judged = (target: string, measured: string, ok: boolean): TargetRow => ({ target, measured, verdict: ok ? 'met' : 'missed' });
