/**
 * Whether the generator, not the server, limited a play run: its CPU near the
 * cores it may use, or the bots producing clearly fewer input frames than the
 * game's tick rate asks for. A saturated run's server figures understate what
 * the server can do; the summary says so in capitals.
 */
export const SATURATED_CPU_SHARE = 0.9;
export const SATURATED_INPUT_SHARE = 0.85;

export interface SaturationInput {
  /** Generator CPU over the run, in cores. */
  generatorCores: number;
  /** Cores the generator may use (its workers, at most the machine's). */
  generatorCoreLimit: number;
  framesSent: number;
  /** Frames the bots should have produced: welcomed × tick rate × seconds. */
  framesNominal: number;
}

/** The reasons the run was generator-bound (empty: it was not). */
export function saturationReasons(s: SaturationInput): string[] {
  const reasons: string[] = [];
  if (s.generatorCores >= SATURATED_CPU_SHARE * s.generatorCoreLimit) {
    reasons.push(`generator CPU ${(s.generatorCores * 100).toFixed(0)} % of ${s.generatorCoreLimit} core(s) (≥ ${SATURATED_CPU_SHARE * 100} %)`);
  }
  if (s.framesNominal > 0 && s.framesSent < SATURATED_INPUT_SHARE * s.framesNominal) {
    reasons.push(`bots produced ${((100 * s.framesSent) / s.framesNominal).toFixed(0)} % of the nominal input frames (< ${SATURATED_INPUT_SHARE * 100} %)`);
  }
  return reasons;
}
