import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { blockNetwork, type NetworkBlock } from './no-network.ts';

let block: NetworkBlock | undefined;
afterEach(() => block?.restore());

const connectTo = (port: number, host: string) =>
  new Promise<string>((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error) => resolve(error.message));
  });

describe('blockNetwork', () => {
  it('should fail a connection to another host before resolving it, and record it', async () => {
    block = blockNetwork();
    expect(await connectTo(443, 'puppet.example.com')).toContain('network blocked in tests');
    expect(block.attempts).toEqual(['puppet.example.com']);
  });

  it('should leave loopback open', async () => {
    const server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    block = blockNetwork();
    expect(await connectTo(port, '127.0.0.1')).toBe('connected');
    expect(block.attempts).toEqual([]);
    await new Promise((resolve) => server.close(resolve));
  });
});
