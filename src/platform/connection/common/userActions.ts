// Everything a user can be offered to do about the connection, and the one table of which buttons go with
// which failure. The notification, the chat's inline error, the edit commands and the status menu all
// take their buttons from here, so "Retry" or "Open settings" mean the same thing everywhere.
import type { FailureKind } from '../../ollama/common/failures';

export type UserAction =
  'retry' | 'pullModel' | 'selectModel' | 'toggleCompletions' | 'snooze' | 'openSettings' | 'showLog' | 'installOllama';

export const USER_ACTIONS: readonly UserAction[] = [
  'retry',
  'pullModel',
  'selectModel',
  'toggleCompletions',
  'snooze',
  'openSettings',
  'showLog',
  'installOllama',
];

export function isUserAction(value: unknown): value is UserAction {
  return typeof value === 'string' && (USER_ACTIONS as readonly string[]).includes(value);
}

/** The buttons that go with a failure, most useful first (none for an abort: it is not an error). */
export function actionsFor(kind: FailureKind): readonly UserAction[] {
  switch (kind) {
    case 'unreachable':
      return ['retry', 'installOllama', 'openSettings'];
    case 'modelMissing':
      return ['pullModel', 'selectModel', 'retry'];
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
