// A piece of code that goes into a prompt as context: a selection, a file, lines around a target.

export interface ContextBlock {
  /** e.g. `src/app.ts:10-24` */
  readonly label: string;
  readonly language: string;
  readonly text: string;
}
