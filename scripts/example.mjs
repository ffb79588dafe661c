// `npm run example`: lints the bundled, deliberately insecure spec with the built CLI.
// The CLI exits 1 when it finds error-severity problems, which this example must have;
// anything else (a crash, exit 2, a clean bill of health) fails the script.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['dist/cli.js', 'lint', 'examples/insecure-api.yaml'], { stdio: 'inherit' });
if (result.status !== 1) {
  console.error(`\nexpected exit code 1 (errors found in the insecure example), got ${result.status}`);
  process.exit(1);
}
console.log('\nThe example is insecure on purpose: the findings above (and exit code 1) are the expected result.');
