// The bearer token for an Ollama behind an authenticating proxy, kept in VS Code's secret storage (the OS
// keychain), never in settings.json where a repository or a settings sync could see it.
import * as vscode from 'vscode';
import { COMMANDS } from '../../commands/common/contributionIds';
import { Disposable, Emitter } from '../../lifecycle/common/lifecycle';

const SECRET_KEY = 'phiLocal.ollama.apiKey';

export class ApiKey extends Disposable {
  private value?: string;
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  /** Resolves once the stored key has been read. */
  readonly ready: Promise<void>;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this.ready = this.load();
    this._register(
      secrets.onDidChange((event) => {
        if (event.key === SECRET_KEY) void this.load().then(() => this._onDidChange.fire());
      }),
    );
  }

  get current(): string | undefined {
    return this.value;
  }

  /** Stores `key`, or forgets the stored one when `key` is empty. */
  async set(key: string): Promise<void> {
    if (key) await this.secrets.store(SECRET_KEY, key);
    else await this.secrets.delete(SECRET_KEY);
    await this.load();
    this._onDidChange.fire();
  }

  private async load(): Promise<void> {
    try {
      this.value = (await this.secrets.get(SECRET_KEY)) || undefined;
    } catch {
      this.value = undefined;
    }
  }
}

/** "Phi Local: Set Ollama API Key…": asks for the token (hidden input); an empty answer removes it. */
export function registerApiKeyCommand(context: vscode.ExtensionContext, apiKey: ApiKey, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.setApiKey, async (value?: unknown) => {
      const key =
        typeof value === 'string'
          ? value
          : await vscode.window.showInputBox({
              title: vscode.l10n.t('Phi Local: Set Ollama API Key'),
              prompt: vscode.l10n.t('Bearer token sent as "Authorization: Bearer …" to your Ollama host. Leave empty to remove it.'),
              password: true,
              ignoreFocusOut: true,
              validateInput: (text) => (/[\r\n]/.test(text) ? vscode.l10n.t('A token is one line') : undefined),
            });
      if (key === undefined) return false;
      await apiKey.set(key.trim());
      log.info(key.trim() ? 'Ollama API key stored in secret storage' : 'Ollama API key removed');
      void vscode.window.setStatusBarMessage(
        key.trim() ? vscode.l10n.t('Phi Local: API key saved') : vscode.l10n.t('Phi Local: API key removed'),
        3000,
      );
      return true;
    }),
  );
}
