/**
 * `dist/server.js`: the language server process. The transport comes from the arguments
 * (`--node-ipc` from the VS Code client, `--stdio`, `--socket=N`, `--pipe=NAME`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runNodeServer } from './stdio';

runNodeServer(createConnection(ProposedFeatures.all));
