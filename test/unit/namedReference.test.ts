/**
 * The stand-in for `decode-named-character-reference` that the bundles use (scripts/build.mjs):
 * what it decodes, it decodes as HTML does; any other name stays the text it is written as,
 * and block structure is the same either way.
 */
import assert from 'node:assert/strict';
import { characterEntities } from 'character-entities';
import type { Paragraph, Text } from 'mdast';
import { parseMarkdown, summarize } from '../../src/core/parse/blocks';
import { lineStarts } from '../../src/core/parse/lines';
import { decodeNamedCharacterReference } from '../../src/core/parse/namedReference';

const paragraphText = (markdown: string): string => ((parseMarkdown(markdown).children[0] as Paragraph).children[0] as Text).value;

describe('named character references in the bundles', () => {
  it('decodes each name it knows exactly as the HTML table does', () => {
    const known = Object.keys(characterEntities).filter((name) => decodeNamedCharacterReference(name) !== false);
    assert.deepEqual(known.sort(), ['amp', 'apos', 'gt', 'lt', 'nbsp', 'quot']);
    for (const name of known) assert.equal(decodeNamedCharacterReference(name), characterEntities[name], name);
  });

  it('is what the bundled remark uses: common names decode, others stay literal text', () => {
    assert.equal(paragraphText('Fish &amp; chips &lt;3'), 'Fish & chips <3');
    assert.equal(paragraphText('Copyright &copy; the authors'), 'Copyright &copy; the authors');
    assert.equal(decodeNamedCharacterReference('constructor'), false);
  });

  it('leaves the blocks of a document with references where they are', () => {
    const text = [
      '# Phase &copy; 1 &amp; more',
      '',
      '- [ ] &rarr; wire the cache',
      '- [x] &check; done',
      '',
      '| a &vert; b | c |',
      '|---|---|',
      '| &hellip; | &amp; |',
      '',
    ].join('\n');
    // The same text with every reference spelled as plain letters of the same length.
    const plain = text.replace(/&[a-z]+;/g, (m) => 'x'.repeat(m.length));
    assert.deepEqual(summarize(parseMarkdown(text), text, lineStarts(text)), summarize(parseMarkdown(plain), plain, lineStarts(plain)));
  });
});
