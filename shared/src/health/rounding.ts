/** Rounds half away from zero (DOMAIN.md), unlike Math.round which rounds -0.5 up to -0. */
export function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}
