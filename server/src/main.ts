#!/usr/bin/env node
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { VERSION } from './version';

const USAGE = `openapi-security-language-server ${VERSION}
OWASP API Security Top 10 (2023) diagnostics, quick-fixes and hovers for OpenAPI documents.

Usage: openapi-security-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h') || !args.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a))) {
  process.stdout.write(`${USAGE}\n`);
  if (!args.includes('--help') && !args.includes('-h')) process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all));
}
