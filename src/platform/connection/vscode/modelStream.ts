// One streamed chat request from start to end, for every feature that streams an answer: the activity shows
// in the status bar, VS Code's cancellation becomes the request's signal, the feature's sampling comes from
// the one table, the answer is read by the shared loop (repetition stop, token limit), and a failure is
// reported to the connection (its state follows, no UI) and thrown as a ModelFailure for the feature to show.
import type * as vscode from 'vscode';
import { readAnswer, type StreamedAnswer } from '../../backend/common/answerStream';
import { ModelFailure } from '../../backend/common/modelFailure';
import type { ChatMessage } from '../../backend/common/modelTypes';
import { SAMPLING, type SamplingUse } from '../../backend/common/sampling';
import type { SamplingOptions } from '../../backend/common/modelTypes';
import type { Connection } from './connection';
import type { ActivityKind } from '../common/activity';
import { ModelCall } from './modelCall';

interface AnswerRequest {
  /** Which feature asks: its sampling and how the status bar counts it. */
  readonly use: SamplingUse;
  readonly activity: ActivityKind;
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  /** The answer's token limit (num_predict). */
  readonly maxTokens: number;
  /** Sampling the caller chose instead of the table's (the vscode.lm provider passes the request's options). */
  readonly sampling?: SamplingOptions;
  /** VS Code's cancellation, e.g. of a progress notification. */
  readonly token?: vscode.CancellationToken;
  /** Another reason to stop, e.g. the user pressed Stop or closed the diff. */
  readonly stop?: AbortSignal;
  /** Called once the request is under way, with its signal (e.g. to look whether the model must load). */
  readonly onStart?: (signal: AbortSignal) => void;
}

/**
 * Streams an answer; `onText(piece, textSoFar)` sees it arrive. Resolves with how it ended (a cancelled
 * request resolves as `cancelled`); any other failure is thrown as a ModelFailure, already reported.
 */
export async function streamAnswer(
  connection: Connection,
  request: AnswerRequest,
  onText: (piece: string, text: string) => void,
): Promise<StreamedAnswer> {
  const call = new ModelCall(connection, request.activity, { token: request.token, stop: request.stop });
  try {
    request.onStart?.(call.signal);
    const options = { ...(request.sampling ?? SAMPLING[request.use]), num_predict: request.maxTokens };
    const chunks = connection.client.chat({ model: request.model, messages: request.messages, options }, call.signal);
    return await readAnswer(chunks, onText, { signal: call.signal });
  } catch (error) {
    const failure = call.fail(error);
    if (failure.kind === 'aborted') return { text: '', stopped: 'cancelled' };
    throw failure instanceof ModelFailure ? failure : new ModelFailure(failure);
  } finally {
    call.dispose();
  }
}
