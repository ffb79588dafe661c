import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

/** Our example with a lower-case title: the custom rule below reports it. */
export const API = readFileSync(path.join(repoRoot, 'examples/insecure-api.yaml'), 'utf8').replace('title: Insecure Orders API', 'title: lower-case orders API');
/** Where the title's value is (0-based line and column), as Spectral reports it. */
export const TITLE_RANGE = (() => {
  const line = API.split('\n').findIndex((l) => l.startsWith('  title: '));
  const text = API.split('\n')[line];
  return { start: { line, character: 'title: '.length + 2 }, end: { line, character: text.length } };
})();

export const RATE_LIMIT = 'owasp:api4:2023-rate-limit';
export const NO_SERVER_HTTP = 'owasp:api8:2023-no-server-http';

/** A declarative rule with a core function: the kind of style rule teams already have. */
export const TITLE_RULE = `  title-capitalised:
    description: API titles start with a capital letter
    message: "Title must start with a capital letter"
    severity: warn
    given: $.info.title
    then:
      function: pattern
      functionOptions:
        match: "^[A-Z]"
`;

export interface SpectralFixtures {
  root: string;
  /** Files a JavaScript ruleset and a custom function write when they are loaded: absent means they never ran. */
  jsMarker: string;
  functionMarker: string;
  /** Written by a filter expression in a declarative ruleset (Spectral compiles them to JavaScript). */
  pathMarker: string;
  file(relative: string): string;
}

/**
 * One workspace, a folder per case, each with its ruleset and an API below it: the nearest ruleset
 * applies, so the cases do not mix.
 */
export function writeSpectralFixtures(root: string): SpectralFixtures {
  const jsMarker = path.join(root, 'js-ruleset-ran.txt');
  const functionMarker = path.join(root, 'custom-function-ran.txt');
  const pathMarker = path.join(root, 'jsonpath-code-ran.txt');
  const write = (relative: string, text: string) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  write('declarative/.spectral.yaml', `extends: spectral:oas\nrules:\n${TITLE_RULE}`);
  write('declarative/apis/v1/api.yaml', API);
  write(
    'owasp/.spectral.yaml',
    `extends:\n  - spectral:oas\n  - "@stoplight/spectral-owasp-ruleset"\nrules:\n  ${RATE_LIMIT}: info\noverrides:\n  - files: ["legacy/**"]\n    rules:\n      ${NO_SERVER_HTTP}: off\n`,
  );
  write('owasp/api.yaml', API);
  write('owasp/legacy/api.yaml', API);
  write(
    'js/.spectral.js',
    `require('node:fs').writeFileSync(${JSON.stringify(jsMarker)}, 'loaded');
module.exports = {
  rules: {
    'js-rule': { severity: 'warn', given: '$.info', then: { function: (input) => (input.contact ? [] : [{ message: 'From the JavaScript ruleset: add a contact' }]) } },
  },
};
`,
  );
  write('js/api.yaml', API);
  write('functions/.spectral.yaml', 'functions: [noContact]\nrules:\n  function-rule:\n    severity: warn\n    given: $.info\n    then:\n      function: noContact\n');
  write(
    'functions/functions/noContact.js',
    `require('node:fs').writeFileSync(${JSON.stringify(functionMarker)}, 'loaded');\nmodule.exports = (input) => (input.contact ? [] : [{ message: 'From a custom function: add a contact' }]);\n`,
  );
  write('functions/api.yaml', API);
  write('broken/.spectral.yaml', 'extends: spectral:oas\nrules:\n  a: b: c\n');
  write('broken/api.yaml', API);
  write('unknown-function/.spectral.yaml', 'rules:\n  uses-nope:\n    given: $.info\n    then:\n      function: nope\n');
  write('unknown-function/api.yaml', API);
  const attack = `$..[?(@.constructor.constructor('return process')().mainModule.require('fs').writeFileSync(${JSON.stringify(pathMarker)}, 'x'))]`;
  write('code-in-paths/.spectral.yaml', `rules:\n  innocent-looking:\n    given: ${JSON.stringify(attack)}\n    then:\n      function: truthy\n`);
  write('code-in-paths/api.yaml', API);
  write('bad-path/.spectral.yaml', 'rules:\n  bad-path:\n    given: "$..[?(@.x === )]"\n    then:\n      function: truthy\n');
  write('bad-path/api.yaml', API);
  write('remote/.spectral.yaml', 'extends: https://example.com/style-guide.yaml\n');
  write('remote/api.yaml', API);
  write('configured/rules/team-ruleset.yaml', `rules:\n${TITLE_RULE.replace('title-capitalised', 'team-title')}`);
  write('configured/api.yaml', API);
  return { root, jsMarker, functionMarker, pathMarker, file: (relative) => path.join(root, relative) };
}
