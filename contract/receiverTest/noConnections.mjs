// Preloaded (NODE_OPTIONS=--import=<this file>) into a command under test: every TCP connection the
// process attempts is written, one JSON line each, to the file CONNECTIONS_LOG names, and refused
// before a packet leaves, so a test can show what a command tried to reach without reaching it.
// Local (Unix socket) connections pass: tsx talks to its own process through one.
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const log = process.env.CONNECTIONS_LOG;
if (!log) throw new Error('noConnections.mjs needs CONNECTIONS_LOG, the file to write attempts to');

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function refuseTcp(...args) {
  // net.connect hands over its normalized [options, callback]; a direct call passes options first.
  const options = Array.isArray(args[0]) ? args[0][0] : args[0];
  const { host, port, path } = typeof options === 'object' && options !== null ? options : { port: options };
  if (path !== undefined) return connect.apply(this, args);
  appendFileSync(log, `${JSON.stringify({ host, port })}\n`);
  const refused = Object.assign(new Error(`connect to ${host}:${port} refused by noConnections.mjs`), {
    code: 'ECONNREFUSED',
  });
  process.nextTick(() => this.destroy(refused));
  return this;
};
