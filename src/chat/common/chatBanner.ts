// The line above the chat that says why an answer may not come (or comes late): the model loading or being
// pulled, the server unreachable or refusing, the model missing. It names the server and the setting of the
// backend in use. Empty when ready. Pure.
import type { BackendKind } from '../../platform/backend/common/modelBackend';
import { describeFailure } from '../../platform/backend/common/modelFailure';
import type { Translate } from '../../platform/l10n/common/translate';
import type { ConnectionState } from '../../platform/status/common/statusView';

export function chatBanner(state: ConnectionState, server: { readonly kind: BackendKind; readonly host: string }, t: Translate): string {
  switch (state.kind) {
    case 'loading':
      return t('Loading {0}…', state.model);
    case 'pulling':
      return t('Pulling {0}…', state.model);
    case 'unreachable':
      return describeFailure(state.failure, t);
    case 'modelMissing':
      return server.kind === 'openai-compatible'
        ? t('The server at {0} does not serve {1}.', server.host, state.model)
        : t('{0} is not installed in Ollama.', state.model);
    case 'checking':
    case 'ready':
      return '';
  }
}
