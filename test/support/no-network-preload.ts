/** `node --import tsx --import ./test/support/no-network-preload.ts`: blocks and reports. */
import { blockNetwork } from './no-network.ts';

blockNetwork((host) => process.stderr.write(`network attempt blocked: ${host}\n`));
