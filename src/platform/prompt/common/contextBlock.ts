// A piece of code that goes into a prompt as context: a selection, a file, lines around a target.

export interface ContextBlock {
  /** e.g. `src/app.ts:10-24` */
  readonly label: string;
  readonly language: string;
  readonly text: string;
  /** The file it was read from (a URI), so that it can be checked against the exclusions again when re-sent. */
  readonly uri?: string;
}
