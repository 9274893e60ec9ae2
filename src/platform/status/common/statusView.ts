// What the status bar says in every state, and which actions its menu offers. Pure: strings go through `t`
// (vscode.l10n.t in the extension, identity-like in tests).
import type { UserAction } from '../../connection/common/userActions';
import { describeFailure, type Failure } from '../../backend/common/modelFailure';
import type { Translate } from '../../l10n/common/translate';

export type ConnectionState =
  | { readonly kind: 'checking' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'loading'; readonly model: string }
  | { readonly kind: 'pulling'; readonly model: string; readonly percent?: number }
  | { readonly kind: 'unreachable'; readonly failure: Failure }
  | { readonly kind: 'modelMissing'; readonly model: string };

export interface StatusInput {
  readonly connection: ConnectionState;
  /** Which server runs the models (Ollama when absent). */
  readonly backend?: 'ollama' | 'openai-compatible';
  readonly host: string;
  readonly remoteHost: boolean;
  readonly chatModel: string;
  readonly completionModel: string;
  readonly completionsEnabled: boolean;
  /** Epoch ms until which automatic completions are snoozed. */
  readonly snoozedUntil?: number;
  /** Requests to Ollama running now. */
  readonly generating: number;
  readonly version?: string;
  readonly now: number;
  /** Extra tooltip lines (e.g. completion stats). */
  readonly details?: readonly string[];
}

export interface StatusView {
  readonly text: string;
  readonly tooltip: string;
  readonly severity: 'normal' | 'warning' | 'error';
  readonly actions: readonly UserAction[];
}

export function describeStatus(input: StatusInput, t: Translate): StatusView {
  const c = input.connection;
  const snoozed = input.snoozedUntil !== undefined && input.snoozedUntil > input.now;
  const completionsOff = !input.completionsEnabled || snoozed;
  const lines: string[] = [];
  const openai = input.backend === 'openai-compatible';
  let text: string;
  let severity: StatusView['severity'] = 'normal';
  let actions: UserAction[];

  switch (c.kind) {
    case 'checking':
      text = `$(sync~spin) ${t('Phi Local: checking')}`;
      lines.push(openai ? t('Checking the OpenAI-compatible server at {0}…', input.host) : t('Checking Ollama at {0}…', input.host));
      actions = ['showLog', 'openSettings'];
      break;
    case 'loading':
      text = `$(loading~spin) ${t('Loading {0}…', c.model)}`;
      lines.push(t('Ollama is loading {0} into memory. The first answer waits for it.', c.model));
      actions = ['selectModel', 'showLog'];
      break;
    case 'pulling':
      text = `$(cloud-download) ${c.percent === undefined ? t('Pulling {0}…', c.model) : t('Pulling {0} {1}%', c.model, c.percent)}`;
      lines.push(t('Downloading {0} into Ollama.', c.model));
      actions = ['showLog'];
      break;
    case 'unreachable':
      text = `$(error) ${openai ? t('Server not reachable') : t('Ollama not reachable')}`;
      severity = 'error';
      lines.push(describeFailure(c.failure, t));
      actions = openai ? ['retry', 'openSettings', 'showLog'] : ['retry', 'installOllama', 'openSettings', 'showLog'];
      if (c.failure.kind === 'unauthorized') actions.unshift('setApiKey');
      break;
    case 'modelMissing':
      severity = 'warning';
      if (openai) {
        text = `$(warning) ${t('{0} not served', c.model)}`;
        lines.push(t('The server at {1} does not serve the model {0}.', c.model, input.host));
        actions = ['selectModel', 'retry', 'openSettings', 'showLog'];
      } else {
        text = `$(cloud-download) ${t('{0} not pulled', c.model)}`;
        lines.push(t('The model {0} is not installed in Ollama at {1}.', c.model, input.host));
        actions = ['pullModel', 'selectModel', 'retry', 'showLog'];
      }
      break;
    case 'ready':
      if (input.generating > 0) text = `$(sync~spin) ${t('{0}: generating', input.completionModel)}`;
      else if (completionsOff) text = `$(circle-slash) ${t('{0} (completions off)', input.chatModel)}`;
      else
        text = `$(check) ${input.completionModel === input.chatModel ? input.chatModel : `${input.chatModel} · ${input.completionModel}`}`;
      lines.push(t('Ready: chat with {0}, completions with {1}.', input.chatModel, input.completionModel));
      actions = [
        'toggleCompletions',
        ...(completionsOff ? [] : (['snooze'] as UserAction[])),
        'selectModel',
        'retry',
        'openSettings',
        'showLog',
      ];
      break;
  }
  if (c.kind !== 'ready' && input.generating > 0) lines.push(t('Generating…'));
  if (!input.completionsEnabled) lines.push(t('Inline completions are off.'));
  else if (snoozed) lines.push(t('Inline completions snoozed until {0}.', new Date(input.snoozedUntil as number).toLocaleTimeString()));
  if (openai)
    lines.push(
      input.version
        ? t('OpenAI-compatible server ({0}) at {1}', input.version, input.host)
        : t('OpenAI-compatible server at {0}', input.host),
    );
  else lines.push(input.version ? t('Ollama {0} at {1}', input.version, input.host) : t('Ollama at {0}', input.host));
  if (input.remoteHost) {
    lines.push(t('Warning: {0} is not this machine — your code is sent to it.', input.host));
    if (severity === 'normal') severity = 'warning';
  } else lines.push(t('Runs on this machine: your code stays here.'));
  lines.push(...(input.details ?? []));
  return { text, tooltip: lines.join('\n'), severity, actions };
}
