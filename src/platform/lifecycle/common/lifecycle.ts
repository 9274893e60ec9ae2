// Lifecycle helpers modelled on VS Code's own (base/common/lifecycle, base/common/event): a Disposable base
// class that owns what it registers, and an Emitter whose `event` has the shape of vscode.Event. Pure, so
// common/ code can own events too.

export interface IDisposable {
  dispose(): void;
}

export function toDisposable(dispose: () => void): IDisposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      dispose();
    },
  };
}

/** Owns the disposables given to `_register` and disposes them, newest first, when disposed itself. */
export abstract class Disposable implements IDisposable {
  private readonly owned: IDisposable[] = [];
  private disposedValue = false;

  protected get isDisposed(): boolean {
    return this.disposedValue;
  }

  /** Keeps `disposable` until this object is disposed; after that it is disposed at once. */
  protected _register<T extends IDisposable>(disposable: T): T {
    if (this.disposedValue) disposable.dispose();
    else this.owned.push(disposable);
    return disposable;
  }

  dispose(): void {
    if (this.disposedValue) return;
    this.disposedValue = true;
    const owned = this.owned.splice(0).reverse();
    const errors: unknown[] = [];
    for (const disposable of owned) {
      try {
        disposable.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several disposables failed');
  }
}

/** The shape of vscode.Event: subscribe, get a disposable back. */
export type Event<T> = (listener: (value: T) => unknown, thisArgs?: unknown, disposables?: IDisposable[]) => IDisposable;

/** Rethrows `error` on its own, where the host reports unexpected errors. */
function rethrowLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}

export class Emitter<T> implements IDisposable {
  constructor(private readonly onListenerError: (error: unknown) => void = rethrowLater) {}

  private listeners = new Set<(value: T) => unknown>();
  private disposed = false;

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs === undefined ? listener : listener.bind(thisArgs);
    if (this.disposed) return toDisposable(() => undefined);
    this.listeners.add(bound);
    const subscription = toDisposable(() => this.listeners.delete(bound));
    disposables?.push(subscription);
    return subscription;
  };

  /**
   * Calls every listener. One that throws does not stop the others nor the caller: its error is rethrown
   * on its own later, where the host reports unexpected errors (as VS Code's own emitters do).
   */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
