// Runs the Ollama double as its own process. Prints one JSON line {"url","control"} when ready.
//   node out/test/support/double-cli.js [--port 11434] [--control-port 0] [--ttft 300] [--tps 60] [--load 3000]
//                                       [--openai [--api-key KEY] [--server vllm|llamacpp]]
// Point the extension at it by hand with the setting phiLocal.ollama.host; with --openai it speaks the
// OpenAI-compatible API as vLLM does (phiLocal.backend openai-compatible, phiLocal.openai.baseUrl <url>/v1).
import { startControlServer } from './double-control';
import { OllamaDouble } from './ollama-double';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

function text(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const double = new OllamaDouble({
    protocol: process.argv.includes('--openai') ? 'openai' : 'ollama',
    apiKey: text('api-key'),
    server: text('server') === 'llamacpp' ? 'llamacpp' : 'vllm',
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
