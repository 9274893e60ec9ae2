// Runs a UserAction, and shows a failure with the buttons actionsFor() gives it. "Retry" retries what
// failed when the caller says how, else the connection; everything else means the same everywhere.
import * as vscode from 'vscode';
import { COMMANDS, SETTINGS_QUERY } from '../../commands/common/contributionIds';
import { actionsFor, type UserAction } from '../common/userActions';
import { describeFailure, type Failure } from '../../backend/common/modelFailure';

const INSTALL_OLLAMA_URL = 'https://ollama.com/download';

/** What an action acts on, where the caller knows better than the defaults. */
interface ActionTarget {
  /** Retries what failed (a chat answer, an edit); without it Retry probes the connection again. */
  readonly retry?: () => unknown;
  /** The model that Pull Model pulls. */
  readonly model?: string;
  /** Snoozes inline completions (the status menu's switch). */
  readonly snooze?: () => void;
  /** What the settings editor shows; the extension's settings when absent. */
  readonly settingsQuery?: string;
}

/** A known model's download size, for the Pull button. */
function knownSize(model: string | undefined): string {
  return model && /^phi4(:latest|:14b)?$/.test(model) ? ' (9.1 GB)' : '';
}

function actionLabel(action: UserAction, target: ActionTarget = {}): string {
  switch (action) {
    case 'retry':
      return vscode.l10n.t('Retry');
    case 'pullModel':
      return target.model ? vscode.l10n.t('Pull {0}{1}', target.model, knownSize(target.model)) : vscode.l10n.t('Pull Model');
    case 'selectModel':
      return vscode.l10n.t('Select Model');
    case 'toggleCompletions':
      return vscode.l10n.t('Toggle Inline Completions');
    case 'snooze':
      return vscode.l10n.t('Snooze Inline Completions');
    case 'openSettings':
      return vscode.l10n.t('Open Settings');
    case 'showLog':
      return vscode.l10n.t('Show Log');
    case 'installOllama':
      return vscode.l10n.t('Install Ollama');
    case 'setApiKey':
      return vscode.l10n.t('Set API Key');
  }
}

export async function runUserAction(action: UserAction, target: ActionTarget = {}): Promise<void> {
  switch (action) {
    case 'retry':
      if (target.retry) await target.retry();
      else await vscode.commands.executeCommand(COMMANDS.retry);
      return;
    case 'pullModel':
      await vscode.commands.executeCommand(COMMANDS.pullModel, target.model);
      return;
    case 'selectModel':
      await vscode.commands.executeCommand(COMMANDS.selectModel);
      return;
    case 'toggleCompletions':
      await vscode.commands.executeCommand(COMMANDS.toggleCompletions);
      return;
    case 'snooze':
      target.snooze?.();
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', target.settingsQuery ?? SETTINGS_QUERY);
      return;
    case 'showLog':
      await vscode.commands.executeCommand(COMMANDS.showLog);
      return;
    case 'installOllama':
      await vscode.env.openExternal(vscode.Uri.parse(INSTALL_OLLAMA_URL));
      return;
    case 'setApiKey':
      await vscode.commands.executeCommand(COMMANDS.setApiKey);
      return;
    default: {
      const unknown: never = action;
      throw new Error(`unknown action ${String(unknown)}`);
    }
  }
}

/** Shows `message` (the failure's, in the user's language, by default) with the failure's buttons and runs the one chosen. */
export function showFailure(failure: Failure, target: ActionTarget = {}, message = describeFailure(failure, vscode.l10n.t)): void {
  const actions = actionsFor(failure.kind, failure.server);
  if (!actions.length) return;
  const labels = actions.map((action) => actionLabel(action, target));
  const show = failure.kind === 'modelMissing' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  void show(message, ...labels).then((choice) => {
    const index = choice === undefined ? -1 : labels.indexOf(choice);
    if (index >= 0) void runUserAction(actions[index], target);
  });
}
