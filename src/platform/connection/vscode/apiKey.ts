// The API keys, one per backend: the bearer token for an Ollama behind an authenticating proxy, and the key of
// an OpenAI-compatible server. Kept in VS Code's secret storage (the OS keychain), never in settings.json where
// a repository or a settings sync could see them; each is bound to the origin it was set for (boundKey) and
// goes only there.
import * as vscode from 'vscode';
import type { BackendKind } from '../../backend/common/modelBackend';
import { COMMANDS } from '../../commands/common/contributionIds';
import type { Config } from '../../config/vscode/config';
import { Disposable, Emitter } from '../../lifecycle/common/lifecycle';
import { keyFor, originOf, readKey, storeKey, type BoundKey } from '../common/boundKey';

const SECRET_KEYS: Readonly<Record<BackendKind, string>> = {
  ollama: 'phiLocal.ollama.apiKey',
  'openai-compatible': 'phiLocal.openai.apiKey',
};

export class ApiKey extends Disposable {
  private readonly values = new Map<BackendKind, BoundKey>();
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  /** Resolves once the stored keys have been read. */
  readonly ready: Promise<void>;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this.ready = this.load();
    this._register(
      secrets.onDidChange((event) => {
        if (Object.values(SECRET_KEYS).includes(event.key)) void this.load().then(() => this._onDidChange.fire());
      }),
    );
  }

  /** The key to send to `url` (`backend`'s server), if one is stored for that origin. */
  current(backend: BackendKind, url: string): string | undefined {
    return keyFor(this.values.get(backend), url);
  }

  /** The origin `backend`'s stored key belongs to ('' when none, or an older key bound to none). */
  origin(backend: BackendKind): string {
    return this.values.get(backend)?.origin ?? '';
  }

  /** Stores `key` for `backend`'s server at `url`, or forgets the stored one when `key` is empty. */
  async set(backend: BackendKind, key: string, url: string): Promise<void> {
    if (key) await this.secrets.store(SECRET_KEYS[backend], storeKey({ origin: originOf(url), key }));
    else await this.secrets.delete(SECRET_KEYS[backend]);
    await this.load();
    this._onDidChange.fire();
  }

  private async load(): Promise<void> {
    for (const [backend, secret] of Object.entries(SECRET_KEYS) as [BackendKind, string][]) {
      try {
        const value = readKey(await this.secrets.get(secret));
        if (value) this.values.set(backend, value);
        else this.values.delete(backend);
      } catch {
        this.values.delete(backend);
      }
    }
  }
}

/**
 * "Phi Local: Set API Key…": asks for the key of the backend in use (hidden input); an empty answer removes it.
 * An argument sets it without asking (tests, scripts).
 */
export function registerApiKeyCommand(
  context: vscode.ExtensionContext,
  apiKey: ApiKey,
  config: Config,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.setApiKey, async (value?: unknown) => {
      const backend = config.current.backend;
      const openai = backend === 'openai-compatible';
      const url = openai ? config.current.openaiBaseUrl : config.current.host;
      const origin = originOf(url);
      const key =
        typeof value === 'string'
          ? value
          : await vscode.window.showInputBox({
              title: openai
                ? vscode.l10n.t('Phi Local: Set API Key for the OpenAI-compatible server')
                : vscode.l10n.t('Phi Local: Set Ollama API Key'),
              prompt: openai
                ? vscode.l10n.t('API key sent as "Authorization: Bearer …" to {0} only. Leave empty to remove it.', origin)
                : vscode.l10n.t('Bearer token sent as "Authorization: Bearer …" to {0} only. Leave empty to remove it.', origin),
              password: true,
              ignoreFocusOut: true,
              validateInput: (text) => (/[\r\n]/.test(text) ? vscode.l10n.t('A token is one line') : undefined),
            });
      if (key === undefined) return false;
      await apiKey.set(backend, key.trim(), url);
      log.info(
        `${openai ? 'OpenAI-compatible server' : 'Ollama'} API key ${key.trim() ? `stored in secret storage for ${origin}` : 'removed'}`,
      );
      void vscode.window.setStatusBarMessage(
        key.trim() ? vscode.l10n.t('Phi Local: API key saved') : vscode.l10n.t('Phi Local: API key removed'),
        3000,
      );
      return true;
    }),
  );
}
