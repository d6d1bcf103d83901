/**
 * What the cron trigger runs (`[triggers] crons` in wrangler.toml). The escalation sweep belongs
 * to the workflow issue; until it lands this hook only says that it ran.
 *
 * Known shortcoming: no sweep yet. When the workflow's sweep exists, call it here with the ledger
 * context (and `waitUntil` for anything that may outlive the handler); the worker needs no change.
 */
import type { LedgerContext } from '../ledger/context.ts';

export interface ScheduledRun {
  cron: string;
  scheduledTime: Date;
}

export async function runScheduledSweep(ledger: LedgerContext, run: ScheduledRun): Promise<void> {
  ledger.logger.info(
    { cron: run.cron, scheduledTime: run.scheduledTime.toISOString() },
    'escalation sweep: nothing to do (no sweep is wired yet)',
  );
}
