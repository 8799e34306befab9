// `npm start`: builds and packages the extension, installs the .vsix into a fresh VS Code
// (code-server's VS Code server, installed once under .vscode-test/), opens the sample workspace
// on 127.0.0.1 and prints the address. Ctrl-C stops everything it started.
//
//   PORT=8080 npm start        (default port 8080; PORT=0 picks a free one)
import { createServer } from 'node:net';
import { join } from 'node:path';
import { packageExtension } from './package.mjs';
import { REPO_ROOT, createRunDir, ensureCodeServer, installVsix, startServer, workbenchUrl } from './lib/vscode-server.mjs';

function fail(message) {
  console.error(`phasewise start: ${message}`);
  process.exit(1);
}

const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not "${process.env.PORT}".`);

// Fail before building when the port is taken (the server would only log it and wait).
if (port !== 0) {
  const free = await new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  if (!free) fail(`port ${port} is in use; run with PORT=<another port> npm start.`);
}

try {
  await ensureCodeServer();
} catch (err) {
  fail(`could not set up VS Code: ${String(err.message).split('\n')[0]}`);
}
let vsix;
try {
  ({ vsix } = packageExtension());
} catch (err) {
  fail(String(err.message).split('\n')[0]);
}
const runDir = createRunDir();
try {
  await installVsix(vsix, runDir);
} catch (err) {
  fail(`could not install ${vsix}: ${String(err.message).split('\n')[0]}`);
}
let server;
try {
  server = await startServer({ workspaceSource: join(REPO_ROOT, 'samples'), runDir, port: port === 0 ? undefined : port });
} catch (err) {
  if (err.code === 'EADDRINUSE') fail(`port ${port} is in use; run with PORT=<another port> npm start.`);
  fail(`VS Code did not start: ${String(err.message).split('\n')[0]}`);
}
const url = workbenchUrl(server.url, { folder: server.workspacePath });
console.log(
  `\nPhasewise is running on the sample workspace (a fresh copy in ${server.workspacePath}):\n\n  ${url}\n\nOpen it in a browser. Ctrl-C stops VS Code.\n`,
);
// Stay up until a signal: the library then stops the server and exits.
setInterval(() => {}, 1 << 30);
