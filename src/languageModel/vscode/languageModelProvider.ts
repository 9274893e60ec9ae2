// Phi Local's models in VS Code's language-model API (vscode.lm): every chat-capable model installed in Ollama
// appears under the vendor 'phi-local', with its real window and capabilities from /api/show; answers stream
// from the same Ollama layer as the sidebar chat (status bar, cancellation, failures classified).
import * as vscode from 'vscode';
import type { Config } from '../../platform/config/vscode/config';
import type { Connection } from '../../platform/connection/vscode/connection';
import { streamAnswer } from '../../platform/connection/vscode/modelStream';
import { Disposable } from '../../platform/lifecycle/common/lifecycle';
import { catalog, type CatalogEntry } from '../common/modelCatalog';
import { samplingFrom, tokensOf, toChatMessages, type LmMessage, type LmPart } from '../common/requestMessages';
import type { ModelInfo } from '../../platform/backend/common/modelTypes';
import { describeFailure, toFailure } from '../../platform/backend/common/modelFailure';

interface LanguageModelDeps {
  readonly connection: Connection;
  readonly config: Config;
  readonly log: vscode.LogOutputChannel;
}

type Information = vscode.LanguageModelChatInformation & CatalogEntry;

export class LanguageModelProvider extends Disposable implements vscode.LanguageModelChatProvider<Information> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private lastKey = '';

  constructor(private readonly deps: LanguageModelDeps) {
    super();
    // The list changes when Ollama comes or goes, the host changes, or the window settings change; the
    // connection also fires for every request, which must not make VS Code ask again.
    this._register(
      deps.connection.onDidChange(() => {
        const settings = deps.connection.settings;
        const key = [
          deps.connection.state.kind,
          deps.connection.client.host,
          settings.numCtx,
          settings.maxAnswerTokens,
          [...deps.connection.models.keys()].join(','),
        ].join('|');
        if (key === this.lastKey) return;
        this.lastKey = key;
        this.changed.fire();
      }),
    );
  }

  async provideLanguageModelChatInformation(
    _options: vscode.PrepareLanguageModelChatModelOptions,
    token: vscode.CancellationToken,
  ): Promise<Information[]> {
    const { connection, log } = this.deps;
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const installed = await connection.client.listModels(controller.signal);
      const infos = await Promise.all(
        installed.map((model) =>
          connection.client.show(model.name, controller.signal).then(
            (info): ModelInfo | undefined => info,
            (error: unknown) => {
              log.debug(`language models: /api/show ${model.name} failed: ${String(error)}`);
              return undefined;
            },
          ),
        ),
      );
      const settings = connection.settings;
      const entries = catalog(
        infos.filter((info): info is ModelInfo => info !== undefined),
        { numCtx: settings.numCtx, maxAnswerTokens: settings.maxAnswerTokens, host: connection.client.host },
        settings.chatModel,
      );
      log.debug(`language models offered to VS Code: ${entries.map((e) => e.id).join(', ') || 'none'}`);
      return entries;
    } catch (error) {
      // Ollama down: no models (VS Code asks again when the connection changes).
      log.debug(`language models: listing failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    } finally {
      subscription.dispose();
    }
  }

  async provideLanguageModelChatResponse(
    model: Information,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const { connection, log } = this.deps;
    if (options.tools?.length && options.toolMode === vscode.LanguageModelChatToolMode.Required && !model.capabilities.toolCalling)
      throw new Error(vscode.l10n.t('The model "{0}" cannot call tools. Select a model with tool calling.', model.id));
    const converted = toChatMessages(messages.map(readMessage), model.capabilities);
    if (converted.dropped.length) log.info(`language model request to ${model.id}: left out ${converted.dropped.join(', ')}`);
    if (converted.messages.length === 0) throw new Error(vscode.l10n.t('The request has no text for the model.'));
    const started = Date.now();
    const sampling = samplingFrom(options.modelOptions, model.maxOutputTokens);
    try {
      const answer = await streamAnswer(
        connection,
        {
          use: 'languageModel',
          activity: 'chat',
          model: model.id,
          messages: converted.messages,
          maxTokens: sampling.num_predict ?? model.maxOutputTokens,
          sampling,
          token,
        },
        (piece) => progress.report(new vscode.LanguageModelTextPart(piece)),
      );
      if (answer.stopped === 'cancelled') throw new vscode.CancellationError();
      // The stream was closed at the loop; what was reported stays with the caller.
      if (answer.stopped === 'repetition')
        log.warn(`language model answer from ${model.id} repeated itself; stopped after ${answer.text.length} characters`);
      log.debug(`language model request to ${model.id}: ${answer.text.length} characters in ${Date.now() - started} ms`);
    } catch (error) {
      if (error instanceof vscode.CancellationError) throw error;
      const failure = toFailure(error);
      log.warn(`language model request to ${model.id} failed: ${failure.detail}`);
      const message = describeFailure(failure, vscode.l10n.t);
      if (failure.kind === 'modelMissing') throw vscode.LanguageModelError.NotFound(message);
      throw new Error(message);
    }
  }

  provideTokenCount(_model: Information, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return Promise.resolve(tokensOf(typeof text === 'string' ? text : readMessage(text)));
  }
}

function readMessage(message: vscode.LanguageModelChatRequestMessage): LmMessage {
  const role =
    message.role === vscode.LanguageModelChatMessageRole.User
      ? 'user'
      : message.role === vscode.LanguageModelChatMessageRole.Assistant
        ? 'assistant'
        : 'system';
  return { role, parts: message.content.map(readPart) };
}

function readPart(part: unknown): LmPart {
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelToolResultPart)
    return {
      kind: 'toolResult',
      text: part.content.map((inner) => (inner instanceof vscode.LanguageModelTextPart ? inner.value : '')).join(''),
    };
  if (part instanceof vscode.LanguageModelToolCallPart) return { kind: 'other', what: `tool call ${part.name}` };
  // Data parts (images) are newer than the API this extension is built against: read them by shape.
  const data = part as { mimeType?: unknown; data?: unknown } | undefined;
  if (data && typeof data.mimeType === 'string' && data.data instanceof Uint8Array) {
    if (data.mimeType.startsWith('image/'))
      return { kind: 'image', mimeType: data.mimeType, base64: Buffer.from(data.data).toString('base64') };
    if (data.mimeType.startsWith('text/')) return { kind: 'text', text: Buffer.from(data.data).toString('utf8') };
    return { kind: 'other', what: `data (${data.mimeType})` };
  }
  return { kind: 'other', what: 'an unknown part' };
}
