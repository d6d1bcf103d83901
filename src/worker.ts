/**
 * Cloudflare Workers entry (`main` in wrangler.toml): the Hono app over D1, every channel in the
 * registry, and the escalation sweep on the cron trigger. wechaty needs a long-lived process and
 * is not here; it runs only under `npm start` on Node.
 */
import { channelFactories } from './intake/registry.ts';
import { createWorker } from './workers/worker.ts';

export default createWorker({ factories: channelFactories });
