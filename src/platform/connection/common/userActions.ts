import type { FailureKind, ServerKind } from '../../backend/common/modelFailure';
// Everything a user can be offered to do about the connection, and the one table of which buttons go with
// which failure. The notification, the chat's inline error, the edit commands and the status menu all
// take their buttons from here, so "Retry" or "Open settings" mean the same thing everywhere.

export type UserAction =
  'retry' | 'pullModel' | 'selectModel' | 'toggleCompletions' | 'snooze' | 'openSettings' | 'showLog' | 'installOllama' | 'setApiKey';

const USER_ACTIONS: readonly UserAction[] = [
  'retry',
  'pullModel',
  'selectModel',
  'toggleCompletions',
  'snooze',
  'openSettings',
  'showLog',
  'installOllama',
  'setApiKey',
];

export function isUserAction(value: unknown): value is UserAction {
  return typeof value === 'string' && (USER_ACTIONS as readonly string[]).includes(value);
}

/**
 * The buttons that go with a failure, most useful first (none for an abort: it is not an error). An
 * OpenAI-compatible server has nothing to install or pull from here: it serves the models it was started with.
 */
export function actionsFor(kind: FailureKind, server: ServerKind = 'ollama'): readonly UserAction[] {
  const openai = server === 'openai-compatible';
  switch (kind) {
    case 'unreachable':
      return openai ? ['retry', 'openSettings', 'showLog'] : ['retry', 'installOllama', 'openSettings'];
    case 'modelMissing':
      return openai ? ['selectModel', 'retry'] : ['pullModel', 'selectModel', 'retry'];
    case 'unauthorized':
      return ['setApiKey', 'openSettings', 'showLog'];
    case 'contextTooLong':
      return ['openSettings', 'showLog'];
    case 'capabilityMissing':
      return ['selectModel', 'showLog'];
    case 'busy':
      return ['retry'];
    case 'timedOut':
      return ['retry', 'showLog'];
    case 'aborted':
      return [];
    case 'failedMidStream':
    case 'badRequest':
    case 'server':
      return ['retry', 'showLog'];
  }
}
