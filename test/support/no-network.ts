/**
 * Fails any TCP connection that would leave this machine, for tests of code built on SDKs that
 * may phone home (Wechaty and its puppets); it is caught before the host name is even resolved.
 * Loopback stays open: the test databases live there. In a child process, load
 * `no-network-preload.ts` with `--import`. (Replacing dns.lookup instead hangs module loading
 * under tsx, so name lookups on their own are not watched.)
 */
import net from 'node:net';

const loopback = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '']);

export interface NetworkBlock {
  /** Every host something tried to reach. */
  attempts: string[];
  restore(): void;
}

function hostOf(args: unknown[]): string | undefined {
  const [first, second] = args;
  // net.connect() hands the socket its arguments already normalized, as one array.
  if (Array.isArray(first)) return hostOf(first);
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    return options.path ? undefined : (options.host ?? 'localhost');
  }
  if (typeof first === 'number' || /^\d+$/.test(String(first))) {
    return typeof second === 'string' ? second : 'localhost';
  }
  return undefined; // a Unix socket path
}

export function blockNetwork(onAttempt?: (host: string) => void): NetworkBlock {
  const attempts: string[] = [];
  const record = (host: string) => {
    attempts.push(host);
    onAttempt?.(host);
  };
  const connect = net.Socket.prototype.connect;

  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const host = hostOf(args);
    if (host !== undefined && !loopback.has(host)) {
      record(host);
      process.nextTick(() => this.destroy(new Error(`network blocked in tests: ${host}`)));
      return this;
    }
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;

  return {
    attempts,
    restore() {
      net.Socket.prototype.connect = connect;
    },
  };
}
