import { useSyncExternalStore } from 'react';

/**
 * One shared clock per interval for every relative time on screen: components re-render
 * together every `everyMs`, instead of each keeping its own timer.
 */
interface Ticker {
  now: number;
  subscribe: (notify: () => void) => () => void;
  snapshot: () => number;
}

const tickers = new Map<number, Ticker>();

function ticker(everyMs: number): Ticker {
  const existing = tickers.get(everyMs);
  if (existing) return existing;
  const subscribers = new Set<() => void>();
  let timer: number | null = null;
  const t: Ticker = {
    now: Date.now(),
    snapshot: () => t.now,
    subscribe: (notify) => {
      subscribers.add(notify);
      if (timer === null) {
        // Restarting after a quiet spell: start from the real time, not the last tick.
        t.now = Date.now();
        timer = window.setInterval(() => {
          t.now = Date.now();
          for (const wake of subscribers) wake();
        }, everyMs);
      }
      return () => {
        subscribers.delete(notify);
        if (subscribers.size === 0 && timer !== null) {
          window.clearInterval(timer);
          timer = null;
        }
      };
    },
  };
  tickers.set(everyMs, t);
  return t;
}

export function useNow(everyMs = 30_000): number {
  const t = ticker(everyMs);
  return useSyncExternalStore(t.subscribe, t.snapshot);
}
