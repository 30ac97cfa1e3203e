/**
 * Without Ryuk nobody removes a container we leave behind, so every started container registers a
 * synchronous remover here: it runs on SIGINT/SIGTERM (then we exit 130/143) and at process exit
 * (an uncaught error, a forgotten stop()). stop() unregisters it on the normal path.
 */
const removers = new Map<string, () => void>();
let installed = false;

function runAll(): void {
  for (const [name, remove] of removers) {
    removers.delete(name);
    try {
      remove();
    } catch {
      // Best effort: the next remover must still run.
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      if (removers.size > 0)
        console.error(`${signal}: removing ${removers.size} container(s) before exiting`);
      runAll();
      process.exit(code);
    });
  }
}

export function registerRemover(name: string, remove: () => void): () => void {
  install();
  removers.set(name, remove);
  return () => removers.delete(name);
}
