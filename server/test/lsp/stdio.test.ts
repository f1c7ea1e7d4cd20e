/**
 * The bundled server as an editor starts it: `node dist/server.js --stdio` (and `privet lsp
 * --stdio` through dist/cli.js), speaking LSP over the process's stdin and stdout. Catches
 * bundling mistakes the in-process tests cannot see. Needs `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, spawnTransport, TestClient, copyFixture } from '../helpers/lspHarness';
import { lspScenario } from './scenario';

const serverJs = path.join(repoRoot(), 'dist', 'server.js');
const cliJs = path.join(repoRoot(), 'dist', 'cli.js');

suite('lsp: bundle present', () => {
  test('dist/server.js and dist/cli.js are built (npm run build)', () => {
    assert.ok(fs.existsSync(serverJs), `${serverJs} is missing: run npm run build`);
    assert.ok(fs.existsSync(cliJs), `${cliJs} is missing: run npm run build`);
  });
});

lspScenario('lsp: node dist/server.js --stdio', () => spawnTransport(serverJs, ['--stdio']));

suite('lsp: privet lsp --stdio', () => {
  test('the CLI starts the same server; shutdown and exit end the process with 0', async function () {
    this.timeout(30000);
    const root = copyFixture('lsp-workspace');
    const transport = spawnTransport(cliJs, ['lsp', '--stdio']);
    const client = new TestClient(transport);
    try {
      const result = await client.initialize(root);
      assert.equal(result.serverInfo?.name, 'privet');
      const uri = await client.open(path.join(root, 'src', 'signup.ts'));
      await client.waitFor(() => client.diagnostics.get(uri)?.some((d) => d.code === 'undeclared-event'), { message: 'undeclared-event' });
      const exit = new Promise<number | null>((resolve) => transport.child!.once('exit', resolve));
      await client.shutdown();
      assert.equal(await exit, 0);
    } finally {
      transport.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
