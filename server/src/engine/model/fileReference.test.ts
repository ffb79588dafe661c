import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainFileReference } from './fileReference';

const BASES = [
  'file:///work/spec/openapi.yaml',
  'file:///work/spec/resources/droplets/models/droplet.yml',
  'file:///a.yaml',
  'file:///my%20specs/v1/api.yaml',
  'file:///c%3A/specs/api.yaml',
  'file:///C:/specs/api.yaml',
  'file:///work/a%2Fb/api.yaml',
  'file:///work/%2e%2e/api.yaml',
  'file:///work//double/api.yaml',
  "file:///work/it's (copy)/api.yaml",
  'file://server/share/api.yaml',
  'file:///work/spec/api.yaml?x=1',
  'file:///work/spec/',
  'https://example.com/spec/api.yaml',
];

const SEGMENTS = ['..', '.', 'shared', 'models', 'x.yml', 'error-v1.json', '~user', '-'];
const FRAGMENTS = ['', '#', '#/components/schemas/Error', '#/a~1b/0', '#anchor', '#/with space', '#/%7E'];
const ODD = ['/abs/x.yml', '//host/x.yml', 'x.yml?v=1', 'a//b.yml', 'dir/', 'dir/.', 'dir/..', '..', '.', 'sp ace.yml', 'pct%20.yml', 'back\\slash.yml', 'C:/x.yml', 'https://e.com/x', '#/local'];

/** Every path of up to three segments, with each fragment: ~3,500 references per base. */
function references(): string[] {
  const paths: string[] = [];
  for (const a of SEGMENTS) {
    paths.push(a);
    for (const b of SEGMENTS) {
      paths.push(`${a}/${b}`);
      for (const c of SEGMENTS) paths.push(`${a}/${b}/${c}`);
    }
  }
  return [...paths.flatMap((p) => FRAGMENTS.map((f) => p + f)), ...ODD];
}

describe('plainFileReference', () => {
  it('agrees with the URL parser wherever it answers', () => {
    let answered = 0;
    for (const base of BASES) {
      for (const ref of references()) {
        const plain = plainFileReference(ref, base);
        if (!plain) continue;
        answered++;
        const url = new URL(ref, base);
        const context = `${ref} against ${base}`;
        assert.equal(plain.full, url.href, context);
        assert.equal(plain.hash, url.hash, context);
        assert.equal(plain.pathname, url.pathname, context);
        url.hash = '';
        assert.equal(plain.href, url.href, context);
      }
    }
    assert.ok(answered > 10_000, `answered ${answered}`);
  });

  it('answers for the references split specs are made of, and leaves the rest to the URL parser', () => {
    const base = 'file:///work/spec/resources/droplets/droplets_list.yml';
    assert.equal(plainFileReference('../../shared/responses/unauthorized.yml', base)?.full, 'file:///work/spec/shared/responses/unauthorized.yml');
    assert.equal(plainFileReference('models/droplet.yml#/droplet', base)?.hash, '#/droplet');
    assert.equal(plainFileReference('./x.yml', 'file:///my%20specs/api.yaml')?.href, 'file:///my%20specs/x.yml');
    for (const odd of ['x.yml?v=1', '/abs.yml', 'a//b.yml', 'dir/..', 'sp ace.yml', 'pct%20.yml', '#/local']) assert.equal(plainFileReference(odd, base), undefined, odd);
    for (const oddBase of ['file:///C:/specs/api.yaml', 'file://server/share/api.yaml', 'file:///work/a%2Fb/api.yaml', 'https://example.com/api.yaml']) {
      assert.equal(plainFileReference('x.yml', oddBase), undefined, oddBase);
    }
  });
});
