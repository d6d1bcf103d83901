/**
 * `taizhang escalate` runs the escalation sweep once and prints what it did: levels raised,
 * complaints newly overdue, follow-ups gone unanswered. Running it again straight after changes
 * nothing, so cron may call it as often as it likes beside the server's own interval.
 */
import { parseArgs } from 'node:util';
import { runEscalation } from '../../ledger/run-escalation.ts';
import { silentLogger } from '../../logger.ts';
import { openRuntime } from '../../node/runtime.ts';
import type { Command } from '../io.ts';

export const escalateCommand: Command = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
  const runtime = await openRuntime({ env: io.env, logger: silentLogger() });
  try {
    const summary = await runEscalation(runtime.ledger, {
      origin: { actor: 'cli:escalate', via: 'cli' },
    });
    if (values.json) {
      io.out(JSON.stringify(summary));
      return 0;
    }
    io.out(
      `Checked ${summary.checked} open complaints: ${summary.escalated} escalated, ` +
        `${summary.overdue} overdue, ${summary.responseOverdue} past the first-response time, ` +
        `${summary.tasks} follow-up tasks opened`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
};
