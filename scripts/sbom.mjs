// `npm run sbom`: a CycloneDX SBOM of what the extension ships (the dependencies bundled into
// dist/), written to sbom.cdx.json. From package-lock.json (`--package-lock-only`), so it describes
// exactly the locked versions whatever is installed; `--omit dev` is not used because npm 11 then
// drops transitive runtime packages from a lock-only tree, so development packages are filtered here.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const bom = JSON.parse(execFileSync(npm, ['sbom', '--sbom-format', 'cyclonedx', '--package-lock-only'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
const isDev = (c) => (c.properties ?? []).some((p) => p.name === 'cdx:npm:package:development' && p.value === 'true');
const shipped = bom.components.filter((c) => !isDev(c));
const refs = new Set(shipped.map((c) => c['bom-ref']));
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const rootRef = bom.metadata.component['bom-ref'];
refs.add(rootRef);
bom.metadata.component = { ...bom.metadata.component, name: pkg.name, version: pkg.version };
bom.components = shipped;
bom.dependencies = bom.dependencies.filter((d) => refs.has(d.ref)).map((d) => ({ ...d, dependsOn: (d.dependsOn ?? []).filter((r) => refs.has(r)) }));
writeFileSync(new URL('sbom.cdx.json', root), `${JSON.stringify(bom, null, 2)}\n`);
const missing = Object.keys(pkg.dependencies).filter((name) => !shipped.some((c) => c.name === name));
if (missing.length) throw new Error(`runtime dependencies missing from the SBOM: ${missing.join(', ')}`);
console.log(`sbom.cdx.json: CycloneDX ${bom.specVersion}, ${shipped.length} shipped components`);
