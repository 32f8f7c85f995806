/** Median of repeated timings after a warm-up, which is steadier than a mean on a shared machine. */
export function medianTime(fn: () => unknown, runs = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)]!;
}
