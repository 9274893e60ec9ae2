import * as assert from 'node:assert/strict';
import { wantsMultiline } from '../../../../src/completion/common/codeShape';
import { completionMarkers, cursorContext } from '../../../../src/completion/common/completionPrompt';
import { MAX_LINES } from '../../../../src/completion/common/engine';
import { loadCases, type CompletionCase } from '../../../support/completionCases';
import { snapshotAt } from '../../../support/snapshots';
import { cleanup, collect, finish, stopAtMarkers, type CleanupContext } from '../../../../src/completion/common/transforms';

const cases = loadCases();

/** Streams `text` in pieces of `size` characters, recording how far the consumer read. */
function source(text: string, size: number, seen: { chunks: number; closed: boolean }) {
  return (async function* () {
    try {
      for (let i = 0; i < text.length; i += size) {
        seen.chunks++;
        yield text.slice(i, i + size);
      }
    } finally {
      seen.closed = true;
    }
  })();
}

/** Cleans a case's reply as the engine does: the cursor context from the document, phi4's markers. */
async function run(testCase: CompletionCase, size: number): Promise<string> {
  const cursor = cursorContext(snapshotAt(testCase.text, testCase.offset, testCase.languageId));
  const context: CleanupContext = {
    ...cursor,
    multiline: testCase.multiline ?? wantsMultiline(cursor.linePrefix, cursor.lineSuffix, cursor.previousLines),
    maxLines: MAX_LINES,
    markers: completionMarkers({ kind: 'chatml', roleSeparator: '<|im_sep|>\n' }),
  };
  const seen = { chunks: 0, closed: false };
  return finish(await collect(cleanup(source(testCase.reply, size, seen), context)), context);
}

describe('completion cleanup on realistic bad phi4 outputs', () => {
  it('has cases to run', () => assert.ok(cases.length >= 19, `${cases.length} cases`));
  for (const testCase of cases) {
    for (const size of [1, 3, 1000]) {
      it(`${testCase.name} (chunks of ${size}; ${testCase.file})`, async () => {
        assert.equal(await run(testCase, size), testCase.expected);
      });
    }
  }

  it('stops reading the model as soon as the answer is over, closing the source', async () => {
    const seen = { chunks: 0, closed: false };
    const long = `value;\n${'garbage line\n'.repeat(500)}`;
    const context: CleanupContext = {
      linePrefix: '  x = ',
      lineSuffix: '',
      previousLines: [],
      nextLines: [],
      multiline: false,
      maxLines: 12,
      markers: ['<|im_end|>'],
    };
    assert.equal(finish(await collect(cleanup(source(long, 4, seen), context)), context), 'value;');
    assert.equal(seen.closed, true);
    assert.ok(seen.chunks < 120, `read ${seen.chunks} of ${Math.ceil(long.length / 4)} chunks`);
  });

  it('never yields part of a marker split across chunks', async () => {
    const pieces = ['abc<|im', '_e', 'nd|>tail'];
    const out = await collect(
      stopAtMarkers(['<|im_end|>'])(
        (async function* () {
          yield* pieces;
        })(),
      ),
    );
    assert.equal(out, 'abc');
  });
});
