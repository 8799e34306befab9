import assert from 'node:assert/strict';
import { CANDIDATE_SPANS, findMojibake, hasMojibake, repairMojibake, MAC_ROMAN_HIGH, WINDOWS_1252_HIGH, type MojibakeEncoding } from '../../src/core/mojibake';
import { STATUS_EMOJI_START_BYTES } from '../../src/core/status';
import { STATUS_VOCABULARY } from '../../src/core/statusWords';

// --- Independent encoders used to produce damaged text -----------------------------------------

// Windows-1252 0x80–0x9F, written out here rather than taken from the module. Undefined bytes are
// given as the C1 control of the same value (WHATWG / Python behaviour). Note that Node 20's
// TextDecoder('windows-1252') is really Latin-1, so it cannot be used as a reference.
const WIN_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function winByte(b: number, dropUndefined: boolean): string {
  if (b < 0x80) return String.fromCharCode(b);
  if (b < 0xa0) return dropUndefined && UNDEFINED_1252.has(b) ? '' : WIN_80_9F[b - 0x80]!;
  return String.fromCharCode(b);
}

let macDecoder: { decode(bytes: Uint8Array): string } | null = null;
try {
  macDecoder = new TextDecoder('macintosh');
} catch {
  macDecoder = null;
}

function macRomanString(bytes: Uint8Array): string {
  if (macDecoder) return macDecoder.decode(bytes);
  return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(MAC_ROMAN_HIGH[b - 0x80]!))).join('');
}

/** `s` encoded as UTF-8, then decoded with the wrong code page. */
function damage(s: string, enc: MojibakeEncoding, dropUndefined = false): string {
  const bytes = new TextEncoder().encode(s);
  if (enc === 'mac-roman') return macRomanString(bytes);
  return Array.from(bytes, (b) => winByte(b, dropUndefined)).join('');
}

const APPLE = '\uf8ff'; // Mac Roman 0xF0, the lead byte of every 4-byte UTF-8 sequence

// --- Tests ---------------------------------------------------------------------------------------

describe('mojibake', () => {
  describe('code page tables', () => {
    it('has 128 entries each', () => {
      assert.equal(MAC_ROMAN_HIGH.length, 128);
      assert.equal(WINDOWS_1252_HIGH.length, 128);
    });

    it('Mac Roman matches known entries and the platform decoder', () => {
      assert.equal(MAC_ROMAN_HIGH[0xe2 - 0x80], 0x201a); // ‚
      assert.equal(MAC_ROMAN_HIGH[0x9c - 0x80], 0x00fa); // ú
      assert.equal(MAC_ROMAN_HIGH[0x85 - 0x80], 0x00d6); // Ö
      assert.equal(MAC_ROMAN_HIGH[0xfc - 0x80], 0x00b8); // ¸
      assert.equal(MAC_ROMAN_HIGH[0xf0 - 0x80], 0xf8ff); // Apple logo
      assert.equal(MAC_ROMAN_HIGH[0xdb - 0x80], 0x20ac); // €
      if (macDecoder) {
        const all = macDecoder.decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
        assert.deepEqual(
          Array.from(all, (c: string) => c.charCodeAt(0)),
          [...MAC_ROMAN_HIGH],
        );
      }
    });

    it('Windows-1252 matches the reference table', () => {
      assert.deepEqual(
        [...WINDOWS_1252_HIGH],
        Array.from({ length: 128 }, (_, i) => winByte(0x80 + i, false).charCodeAt(0)),
      );
      assert.equal(new Set([...MAC_ROMAN_HIGH]).size, 128);
      assert.equal(new Set([...WINDOWS_1252_HIGH]).size, 128);
    });
  });

  describe('known damaged forms', () => {
    const cases: Array<[string, string, MojibakeEncoding]> = [
      ['‚úÖ', '✅', 'mac-roman'],
      ['âœ…', '✅', 'windows-1252'],
      [APPLE + 'üîÑ', '🔄', 'mac-roman'],
      ['ðŸ”„', '🔄', 'windows-1252'],
      ['‚è∏Ô∏è', '⏸️', 'mac-roman'],
      ['â\u008f¸ï¸\u008f', '⏸️', 'windows-1252'],
      ['ðŸŽ¯', '🎯', 'windows-1252'],
      [APPLE + 'üéØ', '🎯', 'mac-roman'],
      ['â‰¥', '≥', 'windows-1252'],
      ['‚â•', '≥', 'mac-roman'],
      ['‚Üí', '→', 'mac-roman'],
      ['â†’', '→', 'windows-1252'],
      ['â\u009dŒ', '❌', 'windows-1252'],
      ['‚ùå', '❌', 'mac-roman'],
      ['¬±', '±', 'mac-roman'],
      ['Â±', '±', 'windows-1252'],
      ['Ã©', 'é', 'windows-1252'],
      ['‚îú‚îÄ', '├─', 'mac-roman'],
    ];
    for (const [bad, good, enc] of cases) {
      it(`${JSON.stringify(bad)} -> ${good} (${enc})`, () => {
        assert.equal(damage(good, enc), bad, 'test fixture is the real damaged form');
        const runs = findMojibake(bad);
        assert.equal(runs.length, 1);
        assert.deepEqual(runs[0], { start: 0, end: bad.length, original: bad, replacement: good, encoding: enc });
        assert.equal(repairMojibake(bad), good);
        assert.equal(hasMojibake(bad), true);
      });
    }

    it('accepts every C1 control as its byte, not only the undefined ones', () => {
      // What a plain Latin-1 decoder produces for ✅ (E2 9C 85).
      assert.equal(repairMojibake('\u00e2\u009c\u0085 done'), '✅ done');
    });
  });

  describe('unrecoverable damage is left alone', () => {
    it('❌ with the undefined 0x9D byte dropped', () => {
      const bad = damage('❌', 'windows-1252', true);
      assert.equal(bad, 'âŒ');
      assert.deepEqual(findMojibake(`- ${bad} Broken`), []);
    });

    it('📝 and 🏆 and ⏳ with a byte dropped', () => {
      for (const e of ['📝', '🏆', '⏳', '📁']) {
        const bad = damage(e, 'windows-1252', true);
        assert.equal(bad.length, new TextEncoder().encode(e).length - 1);
        assert.deepEqual(findMojibake(`x ${bad} y`), [], e);
        assert.deepEqual(findMojibake(`x ${bad}`), [], e);
      }
    });

    it('Mac Roman 4-byte emoji whose Apple-logo lead was dropped', () => {
      assert.deepEqual(findMojibake('üîÑ In progress'), []);
    });

    it('a damaged sequence cut short by the end of the text', () => {
      assert.deepEqual(findMojibake('done âœ'), []);
      assert.deepEqual(findMojibake('done ‚ú'), []);
      assert.deepEqual(findMojibake('ðŸ”'), []);
    });
  });

  describe('positions', () => {
    it('run adjacent to ASCII covers only the damaged characters', () => {
      const text = 'Completed ‚úÖ';
      const runs = findMojibake(text);
      assert.equal(runs.length, 1);
      assert.equal(runs[0]!.start, text.length - 3);
      assert.equal(runs[0]!.end, text.length);
      assert.equal(runs[0]!.original, '‚úÖ');
      assert.equal(repairMojibake(text), 'Completed ✅');
    });

    it('mixed text with both encodings, real emoji and accents', () => {
      const text = `## Step 2 ${APPLE}üîÑ\n- [x] café ‚úÖ naïve\n- [ ] ✅ real, âœ… fake ðŸŽ¯!\n€5 ≥ 3 â‰¥ 2`;
      const runs = findMojibake(text);
      assert.deepEqual(
        runs.map((r) => [r.original, r.replacement, r.encoding]),
        [
          [APPLE + 'üîÑ', '🔄', 'mac-roman'],
          ['‚úÖ', '✅', 'mac-roman'],
          ['âœ…', '✅', 'windows-1252'],
          ['ðŸŽ¯', '🎯', 'windows-1252'],
          ['â‰¥', '≥', 'windows-1252'],
        ],
      );
      for (const r of runs) assert.equal(text.slice(r.start, r.end), r.original);
      assert.equal(runs[0]!.start, text.indexOf(APPLE));
      assert.equal(runs[1]!.start, text.indexOf('‚úÖ'));
      assert.equal(runs[2]!.start, text.indexOf('âœ…'));
      assert.equal(runs[3]!.start, text.indexOf('ðŸŽ¯'));
      assert.equal(runs[4]!.start, text.indexOf('â‰¥'));
      for (let i = 1; i < runs.length; i++) assert.ok(runs[i - 1]!.end <= runs[i]!.start);
      assert.equal(repairMojibake(text), '## Step 2 🔄\n- [x] café ✅ naïve\n- [ ] ✅ real, ✅ fake 🎯!\n€5 ≥ 3 ≥ 2');
    });

    it('consecutive damaged emoji are repaired (one run or several)', () => {
      for (const enc of ['mac-roman', 'windows-1252'] as const) {
        const bad = damage('✅✅🔄', enc);
        const runs = findMojibake(bad);
        assert.ok(runs.length >= 1);
        assert.equal(runs.map((r) => r.replacement).join(''), '✅✅🔄');
        assert.equal(runs[0]!.start, 0);
        assert.equal(runs[runs.length - 1]!.end, bad.length);
      }
    });

    it('a valid sequence is not merged with trailing non-decodable characters', () => {
      for (const text of ['‚úÖ‚ú ok', '‚úÖ‚úx ok', 'âœ…âœ ok', 'âœ…ðŸ”x']) {
        const runs = findMojibake(text);
        assert.equal(runs.length, 1, text);
        assert.equal(runs[0]!.original, text.slice(0, 3));
        assert.equal(repairMojibake(text), '✅' + text.slice(3));
      }
    });

    it('respects from/to', () => {
      const text = 'a ‚úÖ b âœ… c ðŸŽ¯ d';
      const all = findMojibake(text);
      assert.equal(all.length, 3);
      const mid = findMojibake(text, all[0]!.end, all[2]!.start);
      assert.deepEqual(mid, [all[1]]);
      // A range that cuts a run in half does not report it.
      assert.deepEqual(findMojibake(text, 0, all[0]!.end - 1), []);
      assert.deepEqual(findMojibake(text, all[2]!.start), [all[2]]);
      assert.deepEqual(findMojibake(text, 5, 5), []);
      assert.deepEqual(findMojibake(text, -10, 1000), all);
    });
  });

  describe('legitimate text is untouched', () => {
    const legit = [
      'café',
      'naïve',
      'Größe',
      'façade',
      'ÄÖÜ äöü ß',
      'señor',
      'niño',
      '€5',
      '“quotes”',
      '‘single’',
      'a — b – c',
      'wait…',
      'é',
      'Ã',
      '✅ 🔄 ⏸️ ❌ ⏳ 🎯',
      '中文测试，日本語のテキスト',
      '한국어',
      'Ελληνικά',
      'Русский текст',
      'עברית',
      'العربية',
      'l’été et l’école',
      '«été»',
      'Il est là\u00a0»',
      'Das ist groß“ und „Öl“',
      '“Ärger” und “Über”',
      'un café”… puis',
      'ESPAÑA”',
      'São Paulo',
      'Åsa’s',
      'x² + y³ ≤ ½',
      '10 °C ± 2',
      '£ ¥ © ® ™ §',
      'Ñandú',
      'Æsir',
      'Øresund',
      'crème brûlée',
      'smörgåsbord',
      'Zürich—Genève',
      '—über',
      '…été',
      'Straße',
      'À la carte',
      'ÉCOLE',
      'Ça va?',
      'ﬁnance ﬂow',
      'π ∞ ∑ √ ∂ ≈ ≠',
      'ı İ ş ğ',
      'Ol\u00e1\u00a0\u00bb',
      '\u00a0\u00a0',
      'Õ ú',
      '#️⃣ 👨‍💻 🇫🇷 👍🏽',
    ];
    for (const s of legit) {
      it(JSON.stringify(s), () => {
        assert.deepEqual(findMojibake(s), []);
        assert.equal(hasMojibake(s), false);
        assert.equal(repairMojibake(s), s);
      });
    }

    it('all the legit strings joined without separators', () => {
      const s = legit.join('');
      assert.deepEqual(findMojibake(s), []);
    });
  });

  describe('round trip over many emoji and symbols', () => {
    const samples = [
      '🔄',
      '✅',
      '❌',
      '⏸️',
      '⏳',
      '⛔',
      '🎯',
      '📊',
      '💡',
      '🚀',
      '🏆',
      '🔧',
      '🧪',
      '🎉',
      '→',
      '≥',
      '≤',
      '–',
      '—',
      '←',
      '↑',
      '✨',
      '⚠️',
      '🟢',
      '🟡',
      '🔴',
      '📝',
      '📁',
      '🛡️',
      '🔮',
      '📈',
      '⭐',
      '✔️',
      '✗',
      '•',
      '…',
      '“x”',
      '‘y’',
      '€',
      '™',
      '°',
      '±',
      '×',
      '├──',
      '└─',
      '│',
      '👨‍💻',
      '#️⃣',
      '👍🏽',
      '🇩🇪',
      '🫠',
      '\u{1FAE9}',
    ];
    for (const enc of ['mac-roman', 'windows-1252'] as const) {
      it(`${enc}: each sample alone and inside a sentence`, () => {
        for (const s of samples) {
          const bad = damage(s, enc);
          assert.notEqual(bad, s);
          assert.equal(repairMojibake(bad), s, `${s} -> ${JSON.stringify(bad)}`);
          const line = `- [ ] Task ${bad} done (${bad})`;
          assert.equal(repairMojibake(line), `- [ ] Task ${s} done (${s})`, s);
          const runs = findMojibake(line);
          assert.ok(runs.length >= 2, s);
          for (const r of runs) {
            assert.equal(r.encoding, enc, s);
            assert.equal(line.slice(r.start, r.end), r.original);
          }
        }
      });

      it(`${enc}: whole document`, () => {
        const doc = samples.map((s, i) => `${i}. ${s} item`).join('\n');
        const bad = damage(doc, enc);
        assert.ok(hasMojibake(bad));
        assert.equal(repairMojibake(bad), doc);
        assert.equal(repairMojibake(doc), doc);
      });
    }

    it('windows-1252 with the undefined bytes as C1 controls', () => {
      // ❌ E2 9D 8C, 👍 F0 9F 91 8D, ⏸️ E2 8F B8 EF B8 8F, 📐 F0 9F 93 90
      for (const s of ['❌', '👍', '⏸️', '📐']) {
        const bad = damage(s, 'windows-1252');
        assert.match(bad, /[\u0081\u008d\u008f\u0090\u009d]/u);
        assert.equal(repairMojibake(`a${bad}b`), `a${s}b`);
      }
    });

    it('text damaged in two different ways', () => {
      const mac = damage('✅ one 🚀', 'mac-roman');
      const win = damage('❌ two 🎯', 'windows-1252');
      assert.equal(repairMojibake(`${mac}\n${win}`), '✅ one 🚀\n❌ two 🎯');
    });
  });

  describe('repairMojibake', () => {
    it('keeps every other character byte-identical, including CRLF', () => {
      const good = '# Plan ✅\r\n\r\n| Step | Status |\r\n|---|---|\r\n| Größe → naïve | 🔄 |\r\n\tend \u00a0 ——\r\n';
      const parts = good.split(/(✅|→|🔄)/u);
      const bad = parts.map((p, i) => (i % 2 === 1 ? damage(p, i === 3 ? 'windows-1252' : 'mac-roman') : p)).join('');
      assert.notEqual(bad, good);
      assert.equal(repairMojibake(bad), good);
      assert.equal(repairMojibake(good), good);
    });

    it('returns the same string for clean text and empty input', () => {
      assert.equal(repairMojibake(''), '');
      assert.deepEqual(findMojibake(''), []);
      assert.equal(hasMojibake(''), false);
      const s = 'plain ASCII text\n';
      assert.equal(repairMojibake(s), s);
    });
  });

  describe('large documents', () => {
    it('finds exactly the damaged runs among 1000 in a long text', () => {
      const lines = [
        '## Phase 3: Integration ✅',
        '- [ ] Benchmark ≥ 10 runs, p95 ≤ 5 ms — see “perf notes”',
        '| Löschen der Einträge | ⏸️ | später… |',
        'Plain ASCII line with `code` and a [link](https://example.com/a/b?c=d).',
      ];
      const pieces: string[] = [];
      for (let i = 0; i < 1000; i++) pieces.push(lines[i % lines.length], damage(i % 2 ? '🎯' : '✅', i % 3 ? 'mac-roman' : 'windows-1252'), '\n');
      const text = pieces.join('');
      const runs = findMojibake(text);
      assert.equal(runs.length, 1000);
      assert.equal(repairMojibake(text), pieces.map((p) => (p.length > 1 && findMojibake(p).length ? repairMojibake(p) : p)).join(''));
    });
  });
});

describe('where a status emoji can start, in UTF-8 bytes', () => {
  it('covers the first bytes of every start character and status emoji', () => {
    const re = STATUS_EMOJI_START_BYTES();
    const starts = [...CANDIDATE_SPANS.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_v, i) => a + i))];
    for (const st of Object.values(STATUS_VOCABULARY)) for (const e of st.emoji) starts.push(e.codePointAt(0)!);
    assert.ok(starts.length > 300, `${starts.length} start characters`);
    for (const cp of starts) {
      const view = Buffer.from(String.fromCodePoint(cp) + 'x', 'utf8').toString('latin1');
      re.lastIndex = 0;
      const m = re.exec(view);
      assert.equal(m?.index, 0, `U+${cp.toString(16)}`);
    }
  });

  it('passes over ASCII and the letters of most scripts', () => {
    const re = STATUS_EMOJI_START_BYTES();
    for (const text of ['plain ASCII text - [ ] box', 'Привет мир', '日本語のテキスト', 'עברית', 'ελληνικά']) {
      re.lastIndex = 0;
      assert.equal(re.test(Buffer.from(text, 'utf8').toString('latin1')), false, text);
    }
  });
});
