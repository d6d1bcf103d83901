/**
 * `taizhang token create --role ROLE --name NAME` prints a new API token once (it is stored only
 * as a digest); `taizhang token revoke --name NAME` stops it working.
 */
import { parseArgs } from 'node:util';
import { createApiToken } from '../../accounts/api-tokens.ts';
import { AppError } from '../../errors.ts';
import type { Role } from '../../http/env.ts';
import { silentLogger } from '../../logger.ts';
import { openRuntime } from '../../node/runtime.ts';
import type { Command } from '../io.ts';

const usage = `Usage: taizhang token create --role supervisor|agent|viewer --name NAME
       taizhang token revoke --name NAME`;

export const tokenCommand: Command = async (argv, io) => {
  const [action, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  if (
    !values.name ||
    (action === 'create' && !values.role) ||
    !['create', 'revoke'].includes(action ?? '')
  ) {
    io.err(usage);
    return 2;
  }

  const runtime = await openRuntime({ env: io.env, logger: silentLogger() });
  try {
    if (action === 'create') {
      const created = await createApiToken(runtime.ledger, {
        name: values.name,
        role: values.role as Role,
      });
      io.err(`API token "${created.name}" (${created.role}); it is shown only now:`);
      io.out(created.token);
      return 0;
    }
    const revoked = await runtime.db.prisma.apiToken.updateMany({
      where: { name: values.name, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count === 0) throw new AppError('not_found', `no active token "${values.name}"`);
    io.out(`Revoked "${values.name}"`);
    return 0;
  } finally {
    await runtime.close();
  }
};
