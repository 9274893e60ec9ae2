// Runs the Ollama double as its own process. Prints one JSON line {"url","control"} when ready.
//   node out/test/support/double-cli.js [--port 11434] [--control-port 0] [--ttft 300] [--tps 60] [--load 3000]
// Point the extension at it by hand with the setting phiLocal.ollama.host.
import { startControlServer } from './double-control';
import { OllamaDouble } from './ollama-double';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const double = new OllamaDouble({
    port: flag('port', 0),
    pacing: { ttftMs: flag('ttft', 0), tokensPerSecond: flag('tps', 0), loadMs: flag('load', 0) },
  });
  const url = await double.start();
  const control = await startControlServer(double, flag('control-port', 0));
  process.stdout.write(`${JSON.stringify({ url, control: control.url })}\n`);
  const shutdown = () => {
    void Promise.all([double.stop(), control.close()]).finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Exit with the parent (test runner) when it goes away.
  process.on('disconnect', shutdown);
}

void main();
