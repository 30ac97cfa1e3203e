/**
 * At most `max` open connections, kept for real requests: when one more arrives, the connection
 * idle the longest (keep-alive between requests, or never sent one) is closed to make room; only
 * when every other connection is busy is the newcomer refused. So idle connections piling up (a
 * client that never closes, or a slow attack) cannot use up the process's descriptors and starve
 * requests that are actually sent.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export function limitConnections(server: Server, max: number): void {
  // Insertion order is age; a socket moves to the end when its request finishes (idle since then).
  const open = new Map<Socket, { busy: number }>();
  server.on('connection', (socket: Socket) => {
    open.set(socket, { busy: 0 });
    socket.once('close', () => open.delete(socket));
    if (open.size <= max) return;
    for (const [other, state] of open) {
      if (other !== socket && state.busy === 0) {
        other.destroy();
        return;
      }
    }
    socket.destroy();
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    const state = open.get(socket);
    if (!state) return;
    state.busy += 1;
    res.once('close', () => {
      state.busy -= 1;
      if (state.busy === 0 && open.delete(socket)) open.set(socket, state);
    });
  });
}
