import * as assert from 'node:assert/strict';
import { Disposable, Emitter, toDisposable } from '../../../../../src/platform/lifecycle/common/lifecycle';

class Owner extends Disposable {
  readonly log: string[] = [];
  private readonly _onDidChange = this._register(new Emitter<number>());
  readonly onDidChange = this._onDidChange.event;

  own(name: string): void {
    this._register(toDisposable(() => this.log.push(name)));
  }

  change(value: number): void {
    this._onDidChange.fire(value);
  }
}

describe('lifecycle', () => {
  it('disposes what it registered once, newest first, and at once what comes after', () => {
    const owner = new Owner();
    owner.own('a');
    owner.own('b');
    owner.dispose();
    owner.dispose();
    assert.deepEqual(owner.log, ['b', 'a']);
    owner.own('late');
    assert.deepEqual(owner.log, ['b', 'a', 'late']);
  });

  it('emits to listeners until they or the emitter are disposed', () => {
    const owner = new Owner();
    const seen: number[] = [];
    const subscription = owner.onDidChange((value) => seen.push(value));
    owner.change(1);
    subscription.dispose();
    owner.change(2);
    owner.onDidChange((value) => seen.push(value * 10));
    owner.change(3);
    owner.dispose();
    owner.change(4);
    assert.deepEqual(seen, [1, 30]);
  });

  it('keeps calling the other listeners when one throws, and reports the error', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<string>((error) => errors.push(error));
    const seen: string[] = [];
    emitter.event(() => {
      throw new Error('listener failed');
    });
    emitter.event((value) => seen.push(value));
    emitter.fire('x');
    assert.deepEqual(seen, ['x']);
    assert.equal((errors[0] as Error).message, 'listener failed');
  });

  it('binds thisArgs and adds the subscription to the given array', () => {
    const emitter = new Emitter<number>();
    const target = { total: 0 };
    const disposables: { dispose(): void }[] = [];
    emitter.event(
      function (this: typeof target, value: number) {
        this.total += value;
      },
      target,
      disposables,
    );
    emitter.fire(2);
    assert.equal(disposables.length, 1);
    disposables[0].dispose();
    emitter.fire(5);
    assert.equal(target.total, 2);
  });
});
