/**
 * Every request handler runs through these wrappers (the pattern of VS Code's JSON server,
 * `utils/runner.ts`): a cancelled request answers `RequestCancelled`, and an exception in the core
 * is logged and answered with a harmless default, so one bad file never takes the server down.
 */
import { type CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/** What the handlers need from the host to yield to the event loop. */
export interface RuntimeEnvironment {
  readonly timer: {
    setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]): { dispose(): void };
    setTimeout(callback: (...args: unknown[]) => void, ms: number, ...args: unknown[]): { dispose(): void };
  };
}

/** A one-line description of an error, with its stack when there is one. */
export function formatError(message: string, err: unknown): string {
  if (err instanceof Error) return `${message}: ${err.message}\n${err.stack ?? ''}`;
  if (typeof err === 'string') return `${message}: ${err}`;
  return `${message}: ${String(err)}`;
}

function cancelValue<E>(): ResponseError<E> {
  return new ResponseError<E>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * Runs a synchronous handler on the next turn of the event loop (so a `$/cancelRequest` that is
 * already queued is seen first).
 */
export function runSafe<T, E>(runtime: RuntimeEnvironment, func: () => T, errorVal: T, errorMessage: string, token: CancellationToken): Promise<T | ResponseError<E>> {
  return new Promise((resolve) => {
    runtime.timer.setImmediate(() => {
      if (token.isCancellationRequested) {
        resolve(cancelValue());
        return;
      }
      try {
        const result = func();
        resolve(token.isCancellationRequested ? cancelValue() : result);
      } catch (e) {
        console.error(formatError(errorMessage, e));
        resolve(errorVal);
      }
    });
  });
}

/** Like `runSafe`, for handlers that return a promise (they may await a fresh check). */
export function runSafeAsync<T, E>(runtime: RuntimeEnvironment, func: () => Promise<T>, errorVal: T, errorMessage: string, token: CancellationToken): Promise<T | ResponseError<E>> {
  return new Promise((resolve) => {
    runtime.timer.setImmediate(() => {
      if (token.isCancellationRequested) {
        resolve(cancelValue());
        return;
      }
      func().then(
        (result) => resolve(token.isCancellationRequested ? cancelValue() : result),
        (e) => {
          console.error(formatError(errorMessage, e));
          resolve(errorVal);
        },
      );
    });
  });
}
