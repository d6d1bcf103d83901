/**
 * What the cron trigger runs (`[triggers] crons` in wrangler.toml): the escalation sweep, once
 * per trigger. The sweep is idempotent, so a trigger that fires twice or overlaps a slow run
 * changes nothing more.
 */
import type { LedgerContext } from '../ledger/context.ts';
import { runEscalation } from '../ledger/run-escalation.ts';

export interface ScheduledRun {
  cron: string;
  scheduledTime: Date;
}

export async function runScheduledSweep(ledger: LedgerContext, run: ScheduledRun): Promise<void> {
  const summary = await runEscalation(ledger, {
    origin: { actor: `cron:${run.cron}`, via: 'system' },
  });
  ledger.logger.info(
    { cron: run.cron, scheduledTime: run.scheduledTime.toISOString(), ...summary },
    'scheduled escalation sweep done',
  );
}
