/**
 * The language server in this process, over two `PassThrough` streams (the Duplex harness of
 * vscode-languageserver-node's own tests): the whole editing scenario of scenario.ts.
 */
import { inProcessTransport } from '../helpers/lspHarness';
import { lspScenario } from './scenario';

lspScenario('lsp: in-process server', inProcessTransport);
