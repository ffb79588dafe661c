#!/usr/bin/env node
import { SERVES } from './earlyStart';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { diagnosticListEncoder } from './diagnosticList';
import { startServer } from './server';
import { VERSION } from './version';

const USAGE = `openapi-security-language-server ${VERSION}
OWASP API Security Top 10 (2023) diagnostics, quick-fixes and hovers for OpenAPI documents.

Usage: openapi-security-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (!SERVES) {
  process.stdout.write(`${USAGE}\n`);
  if (!args.includes('--help') && !args.includes('-h')) process.exitCode = 2;
} else {
  serve();
}

function serve(): void {
  if (args.includes('--stdio')) {
    // Our writer, so diagnostics the worker encoded go out as they are (see diagnosticList.ts); stdin stays the
    // connection's input, so the server still exits when the client closes it.
    const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: diagnosticListEncoder });
    const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
    logConsoleTo(connection);
    startServer(connection, { sendsDiagnosticLists: true });
  } else {
    startServer(createConnection(ProposedFeatures.all));
  }
}

/** stdout is the protocol: whatever a dependency logs goes to the client's log instead (as the library does for its own `--stdio`). */
function logConsoleTo(connection: Connection): void {
  console.log = console.info = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  console.debug = console.trace = (...args: unknown[]) => connection.console.log(format(...args));
}
