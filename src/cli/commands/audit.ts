/**
 * `taizhang audit verify` checks the hash chain of the audit trail and replays it against the
 * complaints; it names the first broken link and exits 1 when there is one, so a scheduled check
 * can alert on the exit code.
 */
import { verifyAudit } from '../../ledger/verify-audit.ts';
import { silentLogger } from '../../logger.ts';
import { openRuntime } from '../../node/runtime.ts';
import type { Command } from '../io.ts';

const usage = 'Usage: taizhang audit verify';

export const auditCommand: Command = async (argv, io) => {
  if (argv[0] !== 'verify' || argv.length > 1) {
    io.err(usage);
    return 2;
  }
  const runtime = await openRuntime({ env: io.env, logger: silentLogger() });
  try {
    const verdict = await verifyAudit(runtime.ledger);
    if (verdict.ok) {
      io.out(
        `Audit trail intact: ${verdict.entries} entries, ${verdict.complaints} complaints ` +
          `(${verdict.untracked} registered before the trail began)`,
      );
      return 0;
    }
    const where = [
      verdict.seq === null ? null : `entry ${verdict.seq}`,
      verdict.ref ? `complaint ${verdict.ref}` : null,
      verdict.field ? `field ${verdict.field}` : null,
    ].filter(Boolean);
    io.err(`Audit trail broken at ${where.join(', ')}: ${verdict.problem}`);
    return 1;
  } finally {
    await runtime.close();
  }
};
