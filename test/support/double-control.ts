// Remote control for an Ollama double running in another process (integration and UI tests, manual use):
// a second HTTP server on loopback, separate from the Ollama port so that port stays exactly Ollama's API.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DoubleModel } from './double-models';
import type { OllamaDouble, Pacing, RecordedRequest, ScriptedReply } from './ollama-double';

export async function startControlServer(double: OllamaDouble, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      void (async () => {
        const body = parts.length ? (JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>) : {};
        const path = (req.url ?? '/').split('?')[0];
        switch (`${req.method} ${path}`) {
          case 'GET /requests':
            return json(res, double.requests);
          case 'GET /state':
            return json(res, { url: double.url, running: double.running, models: double.models, pacing: double.pacing });
          case 'POST /reply':
            double.reply(body as ScriptedReply);
            return json(res, { ok: true });
          case 'POST /reset':
            double.reset();
            if (!double.running) await double.start();
            return json(res, { ok: true });
          case 'POST /model':
            double.setModel(String(body.name), body.patch as Partial<DoubleModel>);
            return json(res, { ok: true });
          case 'POST /pacing':
            Object.assign(double.pacing, body);
            return json(res, double.pacing);
          case 'POST /stop':
            await double.stop();
            return json(res, { ok: true });
          case 'POST /start':
            await double.start();
            return json(res, { ok: true });
          default:
            res.writeHead(404).end();
        }
      })().catch((error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function json(res: http.ServerResponse, value: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
}

/** Client side of the control server, for tests that run in another process than the double. */
export class DoubleClient {
  constructor(readonly controlUrl: string) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.controlUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`double control ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  requests(): Promise<RecordedRequest[]> {
    return this.call('GET', '/requests');
  }
  async requestsTo(path: string): Promise<RecordedRequest[]> {
    return (await this.requests()).filter((r) => r.path === path);
  }
  state(): Promise<{ url: string; running: boolean; models: DoubleModel[]; pacing: Pacing }> {
    return this.call('GET', '/state');
  }
  reply(reply: ScriptedReply): Promise<unknown> {
    return this.call('POST', '/reply', reply);
  }
  reset(): Promise<unknown> {
    return this.call('POST', '/reset', {});
  }
  setModel(name: string, patch: Partial<DoubleModel>): Promise<unknown> {
    return this.call('POST', '/model', { name, patch });
  }
  setPacing(pacing: Partial<Pacing>): Promise<unknown> {
    return this.call('POST', '/pacing', pacing);
  }
  stop(): Promise<unknown> {
    return this.call('POST', '/stop', {});
  }
  start(): Promise<unknown> {
    return this.call('POST', '/start', {});
  }

  /** Polls the recorded requests until `predicate` holds. */
  async waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<RecordedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const requests = await this.requests();
      if (predicate(requests)) return requests;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
