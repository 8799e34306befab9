/**
 * The block scanner against remark + GFM on small, deliberate shapes. Each accepted text must
 * summarise exactly as `summarize(parseMarkdown(text))` does (and leave the same block open at
 * its end); the shapes the scanner must leave to remark must come back undefined.
 */
import assert from 'node:assert/strict';
import { openAtEnd, parseMarkdown, summarize } from '../../src/core/parse/blocks';
import { lineStarts } from '../../src/core/parse/lines';
import { scanBlocks } from '../../src/core/parse/scan';
import { sameAsRemark } from '../support/scanCheck';

function accepts(text: string): void {
  const r = scanBlocks(text, lineStarts(text));
  assert.ok(r, `the scanner refused ${JSON.stringify(text)}`);
  const problem = sameAsRemark(text, r);
  assert.equal(problem, undefined, problem);
}

function refuses(text: string): void {
  assert.equal(scanBlocks(text, lineStarts(text)), undefined, `the scanner accepted ${JSON.stringify(text)}`);
}

const lines = (...ls: string[]): string => ls.join('\n');

describe('block scanner: shapes it summarises like remark', () => {
  const cases: Record<string, string> = {
    'paragraph with inline markup': lines('Some **strong** words, an _aside_, a `span` and [a link](https://example.com/a).', 'A second line of it.'),
    'ATX headings of every depth': lines('# One', '', '###### Six', 'text under it', '#not a heading'),
    'setext headings': lines('Big title', '=========', '', 'Smaller title', '---', '', '#hash first', '==='),
    'thematic break after a blank line, setext underline without one': lines('words', '', '---', '', 'more words', '---'),
    'thematic breaks in other spellings': lines('* * *', '', '___', '', '- - -'),
    'tight bullet list': lines('- alpha', '- beta', '- gamma'),
    'loose bullet list': lines('- first thing', '', '- second thing', '', '', '- third thing', '', 'after the list'),
    'ordered list starting at 7': lines('7. seventh', '8. eighth', '', '9. ninth'),
    'ordered list with parenthesis delimiter': lines('1) one', '2) two'),
    'a new marker starts a new list': lines('- dash', '+ plus', '* star', '1. one', '2) two'),
    'item with an indented continuation paragraph': lines(
      '1. Do the first step',
      '',
      '   It needs a second paragraph',
      '   that runs over two lines.',
      '',
      '2. Next step',
    ),
    'item continuation line without a blank line': lines('- a long item that', '  wraps onto the next line', '- short'),
    'lazy continuation line': lines('- an item whose text', 'carries on at the margin', '- next'),
    'nested lists at several depths': lines('- top', '  - middle', '    - bottom', '  - middle again', '- top again', '  1. numbered child'),
    'nested list after a blank line': lines('- parent', '', '  - child one', '', '  - child two', '', 'done'),
    'fenced code inside an item': lines('1. Build it:', '', '   ```sh', '   make all', '', '   make check', '   ```', '', '2. Ship it'),
    'fenced code hides block syntax': lines('```md', '# not a heading', '- not a list', '```', '', '~~~~', '```', '~~~~'),
    'unclosed fence runs to the end': lines('text', '', '```', 'still code', '', ''),
    'table with body rows': lines('| Name | Value |', '|:-----|------:|', '| one | 1 |', '| two | 2 |', '', 'after'),
    'table right after a paragraph line': lines('intro text', '| a | b |', '| --- | --- |', '| 1 | 2 |'),
    'table with a plain-text row': lines('| a | b |', '|---|---|', '| 1 | 2 |', '**plain** row', '', 'next'),
    'table header only': lines('| only | header |', '|---|---|'),
    'table ended by a heading': lines('| k | v |', '|---|---|', '| a | 1 |', '### Next part', 'body text'),
    blockquote: lines('> quoted **words**', '> and more', '>', '> a second paragraph', '', 'outside'),
    'HTML comment over several lines': lines('<!-- a note', '', 'still in the note -->', '', 'text'),
    'one-line HTML comment then text': lines('<!-- short -->', 'text after it'),
    'unclosed HTML comment': lines('<!--', '# hidden', ''),
    'HTML block that ends at a blank line': lines('<details>', '<summary>More</summary>', '', 'visible', '', '</details>'),
    'indented code': lines('para', '', '    code line', '', '    more code', '', 'para again'),
    'ordered item that cannot interrupt a paragraph': lines('The year', '2. is not a list here'),
    'bullet item that interrupts a paragraph': lines('Intro line', '- a list starts here'),
    'checkbox items with field-like text': lines('- [ ] todo: write it', '- [x] done: wrote it', '- [2026-01-05 10:00]: not a definition'),
    'emphasis at the start of a line is not a list': lines('*emphasis* first', '**bold** first', '_under_ first', '+plus'),
    'numbers that are not list markers': lines('2024 was a year', '3.5 hours', '10) ten'),
    'windows line endings': '- a\r\n\r\n  b\r\n- c\r\n\r\n| x |\r\n|---|\r\n| 1 |\r\n',
    'heading closes a list': lines('- item', '## Heading', '- another'),
    'thematic break closes a list': lines('- item', '***', '- another'),
    'link reference definitions, one a line': lines(
      'See [the site][site] and [docs].',
      '',
      '[site]: https://example.com',
      '[docs]: ./docs/guide.md "The guide"',
      "[more]: https://example.com/more 'More'",
      '[last]: /x (paren title)',
      'text after them',
    ),
    'definitions with balanced or escaped parentheses and backslashes in the destination': lines(
      '[w]: https://en.wikipedia.org/wiki/A_(b)',
      '[spec]: https://example.com/forms#state-\\(type=box\\) "Form state"',
      '[nested]: /a(b(c)d)e',
      '[slash]: C:\\dir\\file.md',
      '[odd]: /a\\)b',
      '',
      'text',
    ),
    'definition before a heading and a list': lines('[a]: https://a.example', '# Heading', '[b]: https://b.example', '- item'),
    'definition-like line inside a paragraph': lines('Some text', '[a]: https://a.example'),
    'definition after a list item and a blank line': lines('- item', '', '[a]: https://a.example', ''),
    'footnote definitions with blank lines after': lines('Text[^1] and more[^two].', '', '[^1]: The first note.', '', '[^two]: Second note', '', 'after'),
  };
  for (const [name, text] of Object.entries(cases)) it(name, () => accepts(text));
});

describe('block scanner: tabs count as columns to the next multiple of 4', () => {
  const cases: Record<string, string> = {
    'a tab after a bullet': '-\tthing',
    'a tab after an ordered marker': lines('1.\tfirst', '2.\tsecond'),
    'tabbed items with tabbed continuation paragraphs': lines(
      '*\t`name` (string)',
      '\tWhat it does, on one line.',
      '',
      '*\t`other` (boolean)',
      '\tMore about it.',
      '',
      '\tA second paragraph of it.',
      '',
      'after',
    ),
    'a child list indented with a tab': lines('- item', '\t- tabbed child', '\t\t- grandchild'),
    'a tab that the item only partly needs': lines('- item', '', '\tits second paragraph', '', '- next'),
    'spaces then a tab': lines('- item', '  \tstill the item', 'lazy? no: a new paragraph', ''),
    'a tab-indented line after a paragraph at the top level': lines('words', '\tmore words'),
    'indented code with tabs at the top level': lines('\tcode();', '\t\tmore();', '', 'text'),
    'a checkbox after a tab': lines('-\t[ ] open', '-\t[x] done'),
    'a tab before a heading inside an item': lines('- item', '', '\t## not a heading, code? no: four columns in the item', ''),
  };
  for (const [name, text] of Object.entries(cases)) it(name, () => accepts(text));
});

describe('block scanner: shapes it leaves to remark', () => {
  const cases: Record<string, string> = {
    'definition with its title on the next line': lines('[site]: https://example.com', '"A title"'),
    'definition with an angle-bracket destination': lines('[site]: <https://example.com>', '', 'text'),
    'definition with an unbalanced parenthesis in its destination': lines('[a]: /x(y', ''),
    'definition with a closing parenthesis first in its destination': lines('[a]: /x)y', ''),
    'definition whose destination parentheses hold a space': lines('[a]: /x(y z)', ''),
    'definition whose label runs over two lines': lines('[a long', 'label]: /url'),
    'definition with an escape in its title': lines('[a]: /url "say \\"hi\\""', ''),
    'definition inside an item': lines('- [a]: /url', ''),
    'footnote definition followed by a line': lines('[^note]: a footnote', 'that carries on'),
    'footnote definition continued four columns in': lines('[^note]: a footnote', '', '    with a second paragraph'),
    'footnote definition that starts a list': lines('[^note]: - a list', ''),
    'a tab after the marker whose content starts as indented code': lines('-\t\tcode', ''),
    'a fence in an item indented with a tab': lines('- item', '\t```', '\tcode', '\t```'),
    'empty list item': lines('-', '  text'),
    'blockquote followed by a lazy line': lines('> quoted', 'lazy'),
    'fence inside a blockquote': lines('> ```', '> code', '> ```'),
    'HTML block inside an item': lines('- item', '', '  <div>', '  x', '  </div>'),
    'table inside an item': lines('- item', '', '  | a |', '  |---|'),
    'fence closed by the end of its item': lines('- item', '  ```', '  code', 'outside'),
    'HTML block of kind 7': lines('<my-widget>', 'text'),
    'indented code inside an item': lines('- item', '', '      code'),
    'table row without a leading pipe': lines('| a |', '|---|', '- not a row'),
  };
  for (const [name, text] of Object.entries(cases)) it(name, () => refuses(text));

  it('and remark itself agrees those texts are odd (sanity: they parse)', () => {
    for (const text of Object.values(cases)) assert.ok(summarize(parseMarkdown(text), text, lineStarts(text)).length > 0);
    assert.ok(openAtEnd(parseMarkdown('```\nx'), '```\nx'));
  });
});
