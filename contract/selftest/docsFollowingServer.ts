/**
 * A server that follows SecPaid's public docs where the spec follows the seed (spec/DECISIONS.md):
 * the faithful sandbox behind a loopback proxy that rewrites its answers in four systematic ways.
 * It is what an integrator meets when SecPaid's server and the docs drift apart, and what the
 * reports must sum up as a handful of findings, not hundreds of lines:
 * - error bodies are the docs' envelope alone (`ResponseCode` 0, `ResponseMsg`, `Result`,
 *   `ServerTime`), without the seed's `error` and `errorMessage` (D-ERRORS);
 * - an unknown well-formed key is answered 401, not the seed's 201 UserNotFound (D-AUTH);
 * - a created link's `id` is named `linktopay_id`, as newer docs call it (D-LINK);
 * - a created link's `amount` is a number, as one docs page shows it (D-MONEY).
 * The control API (`/sandbox/*`) passes unchanged, so the suites still make their own accounts.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../sandbox/index.ts';

type Body = Record<string, unknown>;

const creates = new Set(['/api/v2/createLink', '/api/v2/createSplitLink']);

/** The answer as the docs would have it; `undefined` keeps it as the sandbox sent it. */
export function asTheDocsSay(
  path: string,
  status: number,
  body: Body,
): { status: number; body: Body } | undefined {
  if (path.startsWith('/sandbox/')) return undefined;
  if (typeof body.error === 'string') {
    const { error, errorMessage, ...rest } = body;
    const docs = {
      ResponseCode: 0,
      ResponseMsg: errorMessage ?? error,
      Result: 'False',
      ServerTime: rest.ServerTime ?? 'CET',
    };
    return { status: status === 201 && error === 'UserNotFound' ? 401 : status, body: docs };
  }
  const data = body.data as Body | undefined;
  if (status === 200 && creates.has(path) && data && typeof data === 'object') {
    const { id, amount, ...rest } = data;
    return { status, body: { ...body, data: { ...rest, linktopay_id: id, amount: Number(amount) } } };
  }
  return undefined;
}

async function bodyOf(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface DocsFollowingServer {
  url: string;
  close(): Promise<void>;
}

export async function startDocsFollowingServer(): Promise<DocsFollowingServer> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
  const upstream = new URL(sandbox.url);
  const server: Server = createServer(async (req, res) => {
    const sent = await bodyOf(req);
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      async (answer) => {
        const raw = await bodyOf(answer);
        let rewritten: ReturnType<typeof asTheDocsSay>;
        try {
          rewritten = asTheDocsSay(
            req.url ?? '/',
            answer.statusCode ?? 500,
            JSON.parse(raw.toString('utf8')) as Body,
          );
        } catch {
          rewritten = undefined;
        }
        const headers = { ...answer.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        res.writeHead(rewritten?.status ?? answer.statusCode ?? 500, headers);
        res.end(rewritten ? JSON.stringify(rewritten.body) : raw);
      },
    );
    forwarded.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${error.message}`);
    });
    forwarded.end(sent);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
    },
  };
}
