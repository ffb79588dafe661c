// Compares our findings with @stoplight/spectral-owasp-ruleset's on the given files, rule by
// rule (run `npx tsc -b` first). Prints agreements and every disagreement, marking those a
// documented divergence explains. Usage: node scripts/compareUpstream.mjs [--all] <files...>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { compareWithUpstream, describeDisagreement } = require('../out/test/support/differential.js');
const args = process.argv.slice(2);
const showExplained = args.includes('--all');
let unexplained = 0;
for (const file of args.filter((a) => !a.startsWith('--'))) {
  const text = readFileSync(file, 'utf8');
  const result = await compareWithUpstream(text, file.endsWith('.json') ? 'json' : 'yaml', 300_000);
  console.log(`== ${file}`);
  if (result.timedOut) {
    console.log('   Spectral exceeded the time limit');
    continue;
  }
  for (const rule of result.rules) {
    if (rule.ours + rule.upstream === 0) continue;
    console.log(`${rule.code}: agreed ${rule.agreed}, ours ${rule.ours}, upstream ${rule.upstream}, explained ${rule.explained.length}, unexplained ${rule.unexplained.length}`);
    for (const d of rule.unexplained) console.log(`   UNEXPLAINED ${describeDisagreement(rule.code, d)}`);
    if (showExplained) for (const d of rule.explained) console.log(`   explained (${d.by.reason.slice(0, 60)}...) ${describeDisagreement(rule.code, d)}`);
    unexplained += rule.unexplained.length;
  }
}
process.exitCode = unexplained ? 1 : 0;
