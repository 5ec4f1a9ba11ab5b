import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { NameSet } from '../../server/src/service/text/nameSet';

describe('NameSet', () => {
  const names = new NameSet(['Helper', 'SetTimer', 'Aa', 'BB', 'Helper']);

  it('finds a name written in a text', () => {
    const text = 'x = Helper(1); SetTimer(t, 5);';
    const found = names.find(text, text.indexOf('Helper'), text.indexOf('Helper') + 'Helper'.length);
    assert.equal(found, 'Helper');
    assert.equal(names.find(text, text.indexOf('SetTimer'), text.indexOf('SetTimer') + 8), 'SetTimer');
  });

  it('tells apart names that share a hash ("Aa" and "BB") and text that only shares one', () => {
    assert.equal(names.find('(Aa)', 1, 3), 'Aa');
    assert.equal(names.find('(BB)', 1, 3), 'BB');
    assert.equal(names.find('(C#)', 1, 3), undefined, '"C#" has the hash of "Aa" and "BB" too');
  });

  it('answers undefined for other names, prefixes, longer words and other cases', () => {
    for (const [text, start, end] of [['Help', 0, 4], ['Helpers', 0, 7], ['helper', 0, 6], ['HelperX', 0, 7], ['', 0, 0]] as const) {
      assert.equal(names.find(text, start, end), undefined, text);
    }
    assert.equal(names.find('xHelper', 1, 7), 'Helper', 'the stretch, not the whole text');
  });

  it('agrees with a Set of the same names on any stretch of any text', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Ca-c_]{1,3}$/), { maxLength: 12 }), fc.stringMatching(/^[A-Ca-c_ ]{0,20}$/), fc.nat(20), fc.nat(4), (list, text, start, length) => {
        const set = new Set(list);
        const end = Math.min(text.length, start + length);
        const from = Math.min(start, end);
        const stretch = text.slice(from, end);
        assert.equal(new NameSet(list).find(text, from, end), set.has(stretch) ? stretch : undefined);
      }),
    );
  });
});
