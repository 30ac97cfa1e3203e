/**
 * The run's target: the given URL, or the embedded reference sandbox started on a free loopback port
 * (imported only then, so runs against other targets do not load it).
 */

export interface Target {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

interface SandboxModule {
  startSandbox(options?: {
    port?: number;
    host?: string;
    quiet?: boolean;
  }): Promise<{ url: string; close(): Promise<void> }>;
}

export async function startTarget(baseUrl: string | undefined): Promise<Target> {
  if (baseUrl !== undefined)
    return { url: baseUrl.replace(/\/+$/, ''), embedded: false, close: async () => {} };
  const sandbox = (await import(new URL('../../sandbox/index.ts', import.meta.url).href)) as SandboxModule;
  const server = await sandbox.startSandbox({ port: 0, host: '127.0.0.1', quiet: true });
  return { url: server.url, embedded: true, close: () => server.close() };
}
