/**
 * The escalation sweep on an interval inside the Node server (`ESCALATION_INTERVAL_MS`, five
 * minutes by default, 0 for none, as when cron runs `taizhang escalate` instead). A run still
 * going when the next is due is not doubled; a failed run is logged and the next one tries again.
 */
import type { LedgerContext } from '../ledger/context.ts';
import { runEscalation } from '../ledger/run-escalation.ts';

export interface SweepTimer {
  /** Stops the interval and waits for a run in progress, so the database can close after it. */
  stop(): Promise<void>;
}

export function startSweepTimer(ledger: LedgerContext, intervalMs: number): SweepTimer {
  if (intervalMs <= 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runEscalation(ledger, { origin: { actor: 'server:sweep', via: 'system' } })
      .then(() => undefined)
      .catch((error: unknown) => ledger.logger.error({ err: error }, 'escalation sweep failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  // The sweep alone does not keep a process alive that is otherwise done.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
