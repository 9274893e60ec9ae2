// How each feature samples the model: one table instead of literals in each feature. Inline completions are
// focused with little variety; chat answers a little freer; edits and commit messages stay close to the code.
import type { SamplingOptions } from './modelTypes';

export type SamplingUse = 'completion' | 'chat' | 'edit' | 'commitMessage' | 'languageModel';

export const SAMPLING: Readonly<Record<SamplingUse, Readonly<SamplingOptions>>> = {
  completion: { temperature: 0.2, top_p: 0.9 },
  chat: { temperature: 0.3 },
  edit: { temperature: 0.2 },
  commitMessage: { temperature: 0.2 },
  languageModel: { temperature: 0.3 },
};
