// Keeps one model backend client per settings snapshot (Ollama, or an OpenAI-compatible server), probes the
// server (a state machine with retries while it is down), warms the model up where the backend can, and tells
// the rest of the extension (status bar, features) what state the connection is in and which models and
// context window the server has. Request activity (Activity) and first-time notices (FailureNotices) are
// parts of their own; the client comes from the backend factory (backendClient).
import type * as vscode from 'vscode';
import { Disposable, Emitter } from '../../lifecycle/common/lifecycle';
import { isLoopbackHost } from '../../config/common/hosts';
import { effectiveSettings, type Settings } from '../../config/common/settings';
import type { ConnectionState } from '../../status/common/statusView';
import type { ModelBackend } from '../../backend/common/modelBackend';
import { backendKey, createBackend } from './backendClient';
import { type Failure, ModelFailure } from '../../backend/common/modelFailure';
import type { Config } from '../../config/vscode/config';
import type { ApiKey } from './apiKey';
import { type InstalledModel, type ModelInfo, sameModelName } from '../../backend/common/modelTypes';
import { Activity } from '../common/activity';
import { FailureNotices } from './failureNotices';

const RETRY_DELAYS_MS = [5_000, 10_000, 30_000, 60_000];

export class Connection extends Disposable {
  private clientValue: ModelBackend;
  /** What the client was made from: a new one when this changes. */
  private clientKey: string;
  private stateValue: ConnectionState = { kind: 'checking' };
  private probeController?: AbortController;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private retryIndex = 0;
  /** The models the last probe looked for. */
  private probedModels = '';
  private readonly notices = new FailureNotices();
  /** The context window the OpenAI-compatible server reports for the chat model (state, never written to the settings). */
  private serverWindow?: number;
  private effective?: { readonly from: Settings; readonly window?: number; readonly value: Settings };
  private readonly _onDidChange = this._register(new Emitter<void>());
  /** Fires when the state, the activity or the known models change. */
  readonly onDidChange = this._onDidChange.event;
  /** The model requests running now. */
  readonly activity = this._register(new Activity());
  installed: InstalledModel[] = [];
  version?: string;
  readonly models = new Map<string, ModelInfo>();

  constructor(
    private readonly config: Config,
    private readonly log: vscode.LogOutputChannel,
    private readonly apiKey?: ApiKey,
  ) {
    super();
    this.clientKey = this.keyFor(config.current);
    this.clientValue = this.createClient(config.current);
    this._register(this.activity.onDidChange(() => this._onDidChange.fire()));
    this._register(config.onDidChange(() => this.followSettings('settings changed')));
    if (apiKey) this._register(apiKey.onDidChange(() => this.followSettings('API key changed')));
  }

  /**
   * A new client when where or how to connect changed (host, headers, API key, load options), and a probe when
   * that or the models changed. Anything else (a completion setting, the same key stored again) probes nothing:
   * no second probe, no "checking" flicker.
   */
  private followSettings(reason: string): void {
    const settings = this.config.current;
    const connectionChanged = this.keyFor(settings) !== this.clientKey;
    if (connectionChanged) {
      this.clientKey = this.keyFor(settings);
      this.clientValue = this.createClient(settings);
      this.notices.reset();
      this.log.info(`${this.serverName} connection changed (${reason}): probing ${this.clientValue.host}`);
    } else if (modelsOf(settings) === this.probedModels) {
      return;
    }
    void this.probe(connectionChanged ? reason : 'model settings changed');
  }

  /** "Ollama" or "OpenAI-compatible server", for the log. */
  private get serverName(): string {
    return this.clientValue.kind === 'ollama' ? 'Ollama' : 'OpenAI-compatible server';
  }

  private keyFor(settings: Settings): string {
    return backendKey(settings, this.apiKey);
  }

  private createClient(settings: Settings): ModelBackend {
    return createBackend(settings, this.apiKey, this.log);
  }

  get client(): ModelBackend {
    return this.clientValue;
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /**
   * The settings as the prompts plan with them: with an OpenAI-compatible server, `numCtx` is the window it
   * serves the chat model with (unless phiLocal.openai.contextLength says otherwise).
   */
  get settings(): Settings {
    // Read on every keystroke: the same object until the settings or the server's window change.
    const from = this.config.current;
    if (this.effective?.from !== from || this.effective.window !== this.serverWindow) {
      this.effective = { from, window: this.serverWindow, value: effectiveSettings(from, this.serverWindow) };
    }
    return this.effective.value;
  }

  get remoteHost(): boolean {
    return !isLoopbackHost(this.clientValue.host);
  }

  private setState(state: ConnectionState): void {
    this.stateValue = state;
    this.log.debug(`connection state: ${state.kind}`);
    this._onDidChange.fire();
  }

  /**
   * Checks the server and the configured models; warms the chat model up when it is not loaded.
   * A newer probe cancels an older one.
   */
  probe(reason: string, options: { userAsked?: boolean } = {}): Promise<void> {
    this.probeController?.abort();
    const controller = new AbortController();
    this.probeController = controller;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (options.userAsked) this.notices.reset();
    return this.runProbe(reason, controller.signal);
  }

  private async runProbe(reason: string, signal: AbortSignal): Promise<void> {
    // The first probe waits for the stored API key; a client made before it was read is made again.
    if (this.apiKey) {
      await this.apiKey.ready;
      if (signal.aborted) return;
      if (this.keyFor(this.config.current) !== this.clientKey) {
        this.clientKey = this.keyFor(this.config.current);
        this.clientValue = this.createClient(this.config.current);
      }
    }
    const settings = this.config.current;
    const client = this.clientValue;
    this.probedModels = modelsOf(settings);
    const started = Date.now();
    this.log.info(`probing ${this.serverName} at ${client.host} (${reason})`);
    if (this.stateValue.kind !== 'unreachable') this.setState({ kind: 'checking' });
    try {
      this.version = await client.version(signal);
      this.installed = await client.listModels(signal);
      const wanted = [settings.chatModel, ...(settings.completionModel !== settings.chatModel ? [settings.completionModel] : [])];
      const missing = wanted.find((model) => !this.installed.some((m) => sameModelName(m.name, model)));
      this.models.clear();
      if (missing) {
        this.log.warn(
          `model ${missing} is not installed at ${client.host}; installed: ${this.installed.map((m) => m.name).join(', ') || 'none'}`,
        );
        this.retryIndex = 0;
        this.setState({ kind: 'modelMissing', model: missing });
        this.notices.modelMissing(client, missing, this.installed, this.userRetry);
        return;
      }
      for (const model of wanted) {
        const info = await client.show(model, signal);
        this.models.set(model, info);
        this.log.info(
          `model ${model}: capabilities ${info.capabilities.join(', ')}; context ${info.contextLength ?? '?'}; ${info.parameterSize ?? ''} ${info.quantization ?? ''}`.trim(),
        );
      }
      this.useServerWindow(client.kind === 'openai-compatible' ? this.models.get(settings.chatModel)?.contextLength : undefined);
      const loaded = client.capabilities.loading ? await client.loadedModels(signal) : [];
      this.retryIndex = 0;
      this.log.info(
        `${this.serverName} ${this.version} ready in ${Date.now() - started} ms; loaded: ${loaded.map((m) => m.name).join(', ') || 'none'}`,
      );
      if (client.capabilities.loading && !loaded.some((m) => sameModelName(m.name, settings.chatModel))) {
        this.setState({ kind: 'loading', model: settings.chatModel });
        const loadStarted = Date.now();
        try {
          await client.warmUp(settings.chatModel, signal);
          this.log.info(`warm-up: ${settings.chatModel} loaded in ${Date.now() - loadStarted} ms`);
        } catch (error) {
          // A load that takes longer than the warm-up waits is not a failure of the connection: the status
          // leaves "Loading…" and the first request waits for the load.
          if (!(error instanceof ModelFailure) || error.kind !== 'timedOut') throw error;
          this.log.warn(`warm-up: ${error.detail}; going on, the first request will wait for ${settings.chatModel} to load`);
        }
      }
      this.setState({ kind: 'ready' });
    } catch (error) {
      if (signal.aborted) return;
      const failure = error instanceof ModelFailure ? error : undefined;
      if (!failure) {
        this.log.error(`probe failed: ${String(error)}`);
        return;
      }
      this.handleFailure(failure);
    }
  }

  /**
   * Features report failures here: the state follows (unreachable, model missing) and the user is told once.
   * Aborts are not failures and are ignored.
   */
  report(failure: Failure, options: { silent?: boolean } = {}): void {
    if (failure.kind === 'aborted') return;
    this.log.error(`${failure.kind}: ${failure.detail}`);
    if (failure.kind === 'unreachable' || failure.kind === 'modelMissing' || failure.kind === 'unauthorized')
      this.handleFailure(failure, options.silent);
  }

  private useServerWindow(tokens: number | undefined): void {
    if (tokens === this.serverWindow) return;
    this.serverWindow = tokens;
    if (tokens)
      this.log.info(`context window: ${this.settings.numCtx} tokens, as the server reports ${tokens} for ${this.settings.chatModel}`);
  }

  private readonly userRetry = () => this.probe('user retry', { userAsked: true });

  /** `silent`: the completion path never pops UI; it only changes the state (status bar). */
  private handleFailure(failure: Failure, silent = false): void {
    if (failure.kind === 'unreachable') {
      this.log.error(`${this.serverName} not reachable at ${this.clientValue.host}: ${failure.detail}`);
      this.setState({ kind: 'unreachable', failure });
      if (!silent) this.notices.failure(failure, this.userRetry);
      this.scheduleRetry();
    } else if (failure.kind === 'modelMissing' && failure.model) {
      this.setState({ kind: 'modelMissing', model: failure.model });
      if (!silent) this.notices.modelMissing(this.clientValue, failure.model, this.installed, this.userRetry);
    } else {
      this.log.error(`probe: ${failure.kind}: ${failure.detail}`);
      this.setState({ kind: 'unreachable', failure });
      // A refused key does not fix itself: say so once, with Set API Key (a new key probes again).
      if (failure.kind === 'unauthorized') {
        if (!silent) this.notices.failure(failure, this.userRetry);
        return;
      }
      this.scheduleRetry();
    }
  }

  /** While Ollama is down, look again now and then so the status turns ready without a click. */
  private scheduleRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const delay = RETRY_DELAYS_MS[Math.min(this.retryIndex, RETRY_DELAYS_MS.length - 1)];
    this.retryIndex++;
    this.retryTimer = setTimeout(() => void this.probe('automatic retry'), delay);
  }

  /** Sets the state while a pull runs (the pull command owns the progress UI). */
  showPulling(model: string, percent?: number): void {
    this.setState({ kind: 'pulling', model, percent });
  }

  override dispose(): void {
    this.probeController?.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    super.dispose();
  }
}

/** The models a probe looks for. */
function modelsOf(settings: Settings): string {
  return `${settings.chatModel}\n${settings.completionModel}`;
}
