/**
 * Running the server in Node: the runtime (timers), console output routed to the client's log
 * (stdout is the protocol channel with `--stdio`), unhandled rejections logged instead of lost.
 * `startStdioServer` is what `privet lsp --stdio` runs; `node/main.ts` (dist/server.js) picks the
 * transport from its arguments.
 */
import { type Connection, createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { formatError, type RuntimeEnvironment } from '../runner';
import { startServer } from '../server';

/** Timers of the Node event loop, as the server's runtime. */
export const nodeRuntime: RuntimeEnvironment = {
  timer: {
    setImmediate(callback, ...args) {
      const handle = setImmediate(callback, ...args);
      return { dispose: () => clearImmediate(handle) };
    },
    setTimeout(callback, ms, ...args) {
      const handle = setTimeout(callback, ms, ...args);
      return { dispose: () => clearTimeout(handle) };
    },
  },
};

/** Routes `console.*` to the connection, logs unhandled rejections, and starts the server. */
export function runNodeServer(connection: Connection): void {
  console.log = connection.console.log.bind(connection.console);
  console.info = connection.console.info.bind(connection.console);
  console.warn = connection.console.warn.bind(connection.console);
  console.error = connection.console.error.bind(connection.console);
  console.debug = connection.console.log.bind(connection.console);
  process.on('unhandledRejection', (e) => connection.console.error(formatError('Unhandled exception', e)));
  process.on('uncaughtException', (e) => connection.console.error(formatError('Uncaught exception', e)));
  startServer(connection, nodeRuntime);
}

/** Starts the language server on stdin/stdout (`privet lsp --stdio`). */
export function startStdioServer(): void {
  runNodeServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
}
