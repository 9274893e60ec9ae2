// Mocha hooks for unit tests that talk to an in-process Ollama double.
import { OllamaDouble, type DoubleOptions } from './ollama-double';

/** A double started before the suite and stopped after it; reset (phi4 loaded if asked) before each test. */
export function useDouble(options: DoubleOptions & { phi4Loaded?: boolean } = {}): OllamaDouble {
  const double = new OllamaDouble(options);
  before(() => double.start());
  after(() => double.stop());
  beforeEach(() => {
    double.reset();
    if (options.phi4Loaded) double.setModel('phi4', { loaded: true });
  });
  return double;
}
