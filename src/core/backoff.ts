const BASE_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 3600;

/**
 * Exponential backoff for a delivery that failed transiently on its `attempt`-th try (1-based):
 * 30 s, 60 s, 120 s … capped at an hour. The jitter stays within the upper fifth of each step,
 * so that retries of a burst spread out while each delay still exceeds the previous one below the cap.
 */
export function retryDelaySeconds(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** exponent);
  return Math.max(1, Math.round(ceiling * (0.8 + 0.2 * random())));
}
