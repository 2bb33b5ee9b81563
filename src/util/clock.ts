// Milliseconds on a monotonic clock, for durations (differences between two readings), as
// performance.now() gives. The global `performance` loads perf_hooks on first use, ~1 ms of CPU in
// a hook call that only times itself; process.hrtime does not.
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
