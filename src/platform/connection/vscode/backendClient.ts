// Which model backend client the settings ask for, and what it is made from: a new client (and a new probe)
// exactly when one of those changes. An API key goes only to the origin it was set for.
import type * as vscode from 'vscode';
import type { ModelBackend } from '../../backend/common/modelBackend';
import { isLoopbackHost } from '../../config/common/hosts';
import type { Settings } from '../../config/common/settings';
import { OllamaClient } from '../../ollama/node/ollamaClient';
import { OpenAiClient } from '../../openai/node/openaiClient';
import type { ApiKey } from './apiKey';
import { originOf } from '../common/boundKey';

/** The user's extra headers for Ollama, with the Ollama API key from secret storage as the bearer token. */
function ollamaHeaders(settings: Settings, apiKey: ApiKey | undefined): Readonly<Record<string, string>> {
  const key = apiKey?.current('ollama', settings.host);
  if (!key) return settings.headers;
  const others = Object.fromEntries(Object.entries(settings.headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
  return { ...others, Authorization: `Bearer ${key}` };
}

/** Everything a client is made from: backend, address, credentials, load options. */
export function backendKey(settings: Settings, apiKey: ApiKey | undefined): string {
  return settings.backend === 'openai-compatible'
    ? JSON.stringify([
        settings.backend,
        settings.openaiBaseUrl,
        settings.openaiContextLength,
        apiKey?.current('openai-compatible', settings.openaiBaseUrl) ?? '',
      ])
    : JSON.stringify([settings.backend, settings.host, settings.numCtx, settings.keepAlive, ollamaHeaders(settings, apiKey)]);
}

export function createBackend(settings: Settings, apiKey: ApiKey | undefined, log: vscode.LogOutputChannel): ModelBackend {
  const client: ModelBackend =
    settings.backend === 'openai-compatible'
      ? new OpenAiClient({
          baseUrl: settings.openaiBaseUrl,
          apiKey: apiKey?.current('openai-compatible', settings.openaiBaseUrl),
          contextLength: settings.openaiContextLength,
        })
      : new OllamaClient({
          host: settings.host,
          headers: ollamaHeaders(settings, apiKey),
          keepAlive: settings.keepAlive,
          numCtx: settings.numCtx,
        });
  const bound = apiKey?.origin(settings.backend);
  if (bound && bound !== originOf(client.host)) log.info(`the stored API key belongs to ${bound}; it is not sent to ${client.host}`);
  if (!isLoopbackHost(client.host)) {
    const name = client.kind === 'ollama' ? 'Ollama host' : 'OpenAI-compatible server';
    log.warn(`${name} ${client.host} is not this machine: prompts (your code) are sent to it.`);
  }
  return client;
}
