/**
 * Manifest quick-fix edits, byte for byte: each edit is applied to a manifest with comments, blank
 * lines, odd quoting and both flow and block styles, and the whole result is compared with the
 * expected text. Every result re-parses without new problems. Also the text-edit helpers.
 */
import * as assert from 'node:assert/strict';
import {
  addEventDestination,
  declareDestination,
  declareEvent,
  declareIdentityTrait,
  declareProperty,
  declareTechnique,
  removeException,
  setPropertyCategory,
} from '../../src/core/manifest/manifestEdits';
import { parseManifest } from '../../src/core/manifest/parseManifest';
import type { ParsedManifest } from '../../src/core/manifest/types';
import { applyEdits, offsetAt, positionAt } from '../../src/core/textEdits';
import type { TextEdit } from '../../src/core/types';

const base = `# Privacy manifest for the shop
version: 1   # keep at 1

consent:
  categories:
    analytics: { cmp: { onetrust: C0002 } }

purposes:
  # Why we collect
  product-analytics:
    use: analytics.reporting
    legal_basis: consent
    consent: analytics

  "growth":
    use: 'marketing.advertising.first_party.targeted'
    legal_basis: legitimate_interests

destinations:
  segment:   # the CDP
    sdk: "segment"
    purposes: [product-analytics, growth]
  'google-analytics': { sdk: ga4, purposes: [product-analytics] }
  ads:
    sdk: meta-pixel
    purposes:
      - growth

events:
  "Order Completed":        # checkout
    purpose: product-analytics
    destinations:
      - segment   # main
    properties:
      order_id: 'none'
      plan: { category: user.behavior }   # tier

  Page Viewed: { kind: page, purpose: product-analytics }

  Signed Up:
    purpose: [product-analytics]

exceptions:
  - rule: forbidden-category   # legacy
    event: Order Completed
    reason: hashed upstream

  - { rule: undeclared-property, event: Page Viewed }
  - rule: data-minimization
    reason: 'reviewed, DPIA-7'
# end
`;

const sdks = new Set(['segment', 'ga4', 'meta-pixel', 'mixpanel', 'fullstory', 'hotjar']);

function parse(text: string): ParsedManifest {
  return parseManifest(text, 'privacy.yaml', { knownSdkIds: sdks });
}

/** `text` with the one occurrence of `from` replaced by `to`. */
function replaced(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `'${from}' must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Applies the edits, compares the whole text, and checks that no new problem appears. */
function expectEdit(text: string, edit: (pm: ParsedManifest) => TextEdit[], expected: string): void {
  const pm = parse(text);
  const out = applyEdits(text, edit(pm));
  assert.equal(out, expected);
  const before = new Set(pm.problems.map((p) => p.message));
  const after = parse(out);
  assert.deepEqual(
    after.problems.map((p) => p.message).filter((m) => !before.has(m)),
    [],
    'new problems after the edit',
  );
  assert.ok(after.manifest, 'the edited manifest parses');
}

suite('manifest edits: the base manifest', () => {
  test('parses clean', () => {
    assert.deepEqual(parse(base).problems, []);
  });
});

suite('declareEvent', () => {
  test('appends to a block events section, with the blank lines of its neighbours, quoting keys that need it', () => {
    expectEdit(
      base,
      (pm) =>
        declareEvent(pm, 'Checkout Started', {
          purpose: 'product-analytics',
          destinations: ['segment'],
          properties: { cart_id: 'none', 'e-mail': null, 'utm: source': 'user.behavior' },
        }),
      replaced(
        base,
        '    purpose: [product-analytics]\n',
        `    purpose: [product-analytics]

  Checkout Started:
    purpose: product-analytics
    destinations: [segment]
    properties:
      cart_id: none
      e-mail: TODO  # TODO: choose a category
      'utm: source': user.behavior
`,
      ),
    );
  });

  test("page kind, a TODO purpose, and a name that needs quotes (in the document's preferred quote)", () => {
    expectEdit(
      base,
      (pm) => declareEvent(pm, '#promo', { kind: 'page', purpose: null }),
      replaced(base, '    purpose: [product-analytics]\n', "    purpose: [product-analytics]\n\n  '#promo':\n    kind: page\n    purpose: TODO  # TODO: choose a purpose\n"),
    );
  });

  test('writes exactly what is given: no purpose, no destinations', () => {
    expectEdit(base, (pm) => declareEvent(pm, 'Bare', {}), replaced(base, '    purpose: [product-analytics]\n', '    purpose: [product-analytics]\n\n  Bare: {}\n'));
  });

  test('creates the events section in its documented place', () => {
    const noEvents = base.slice(0, base.indexOf('events:')) + base.slice(base.indexOf('exceptions:'));
    expectEdit(
      noEvents,
      (pm) => declareEvent(pm, 'Signed In', { purpose: 'growth' }),
      replaced(noEvents, '      - growth\n', '      - growth\n\nevents:\n  Signed In:\n    purpose: growth\n'),
    );
  });

  test('an empty manifest gets its version first', () => {
    expectEdit('', (pm) => declareEvent(pm, 'A', {}), 'version: 1\n\nevents:\n  A: {}\n');
    expectEdit('# to do\n', (pm) => declareEvent(pm, 'A', {}), '# to do\nversion: 1\n\nevents:\n  A: {}\n');
  });

  test('an empty or placeholder section', () => {
    expectEdit('version: 1\nevents:   # none yet\n', (pm) => declareEvent(pm, 'A', {}), 'version: 1\nevents:   # none yet\n  A: {}\n');
    expectEdit(
      'version: 1\ndestinations: { x: {} }\nevents: {}\n',
      (pm) => declareEvent(pm, 'A', { destinations: ['x'] }),
      'version: 1\ndestinations: { x: {} }\nevents:\n  A:\n    destinations: [x]\n',
    );
    expectEdit('version: 1\nevents: ~\n', (pm) => declareEvent(pm, 'A', {}), 'version: 1\nevents: { A: {} }\n');
  });

  test('a flow events section stays flow', () => {
    expectEdit(
      'version: 1\nevents: { "A": {} }  # flow\n',
      (pm) => declareEvent(pm, 'B c', { purpose: null, properties: { 'x,y': null } }),
      'version: 1\nevents: { "A": {}, B c: { purpose: TODO, properties: { "x,y": TODO } } }  # flow\n',
    );
  });

  test('no edit when the event exists, or the text is not valid YAML', () => {
    assert.deepEqual(declareEvent(parse(base), 'Signed Up', {}), []);
    assert.deepEqual(declareEvent(parse('version: 1\nevents: [\n'), 'A', {}), []);
    assert.deepEqual(declareEvent(parse('version: 1\nevents: [a]\n'), 'A', {}), []);
  });

  test('4-space indentation and CRLF line breaks are kept', () => {
    const text = 'version: 1\r\n\r\nevents:\r\n    A:\r\n        purpose: p\r\npurposes:\r\n    p: {}\r\n';
    expectEdit(
      text,
      (pm) => declareEvent(pm, 'B', { purpose: 'p', properties: { k: 'none' } }),
      'version: 1\r\n\r\nevents:\r\n    A:\r\n        purpose: p\r\n    B:\r\n        purpose: p\r\n        properties:\r\n            k: none\r\npurposes:\r\n    p: {}\r\n',
    );
  });
});

suite('declareProperty', () => {
  test('block properties', () => {
    expectEdit(
      base,
      (pm) => declareProperty(pm, 'Order Completed', 'coupon', 'none'),
      replaced(base, '      plan: { category: user.behavior }   # tier\n', '      plan: { category: user.behavior }   # tier\n      coupon: none\n'),
    );
  });

  test('an event written as a flow mapping', () => {
    expectEdit(
      base,
      (pm) => declareProperty(pm, 'Page Viewed', 'path', 'none'),
      replaced(base, '  Page Viewed: { kind: page, purpose: product-analytics }', '  Page Viewed: { kind: page, purpose: product-analytics, properties: { path: none } }'),
    );
  });

  test('an event without properties, a null category', () => {
    expectEdit(
      base,
      (pm) => declareProperty(pm, 'Signed Up', 'email', null),
      replaced(base, '    purpose: [product-analytics]\n', '    purpose: [product-analytics]\n    properties:\n      email: TODO  # TODO: choose a category\n'),
    );
  });

  test('flow properties and an event that is not declared yet', () => {
    const text = 'version: 1\nevents:\n  A:\n    properties: { a: none }\n';
    expectEdit(text, (pm) => declareProperty(pm, 'A', 'b', 'user.contact.email'), 'version: 1\nevents:\n  A:\n    properties: { a: none, b: user.contact.email }\n');
    expectEdit(text, (pm) => declareProperty(pm, 'B', 'true', 'none'), 'version: 1\nevents:\n  A:\n    properties: { a: none }\n  B:\n    properties:\n      "true": none\n');
  });

  test('no edit when the property exists', () => {
    assert.deepEqual(declareProperty(parse(base), 'Order Completed', 'plan', 'none'), []);
  });
});

suite('setPropertyCategory', () => {
  test('a shorthand stays a shorthand, with its quotes', () => {
    expectEdit(base, (pm) => setPropertyCategory(pm, 'Order Completed', 'order_id', 'user.unique_id'), replaced(base, "order_id: 'none'", "order_id: 'user.unique_id'"));
  });

  test('a mapping keeps its other keys and its comment', () => {
    expectEdit(
      base,
      (pm) => setPropertyCategory(pm, 'Order Completed', 'plan', 'user.behavior.purchase_history'),
      replaced(base, 'plan: { category: user.behavior }   # tier', 'plan: { category: user.behavior.purchase_history }   # tier'),
    );
    const text = 'version: 1\npurposes:\n  p: {}\nevents:\n  A:\n    properties:\n      a:\n        purpose: p   # why\n';
    expectEdit(text, (pm) => setPropertyCategory(pm, 'A', 'a', 'none'), text + '        category: none\n');
  });

  test('a missing property is declared', () => {
    expectEdit(
      base,
      (pm) => setPropertyCategory(pm, 'Signed Up', 'plan', null),
      replaced(base, '    purpose: [product-analytics]\n', '    purpose: [product-analytics]\n    properties:\n      plan: TODO  # TODO: choose a category\n'),
    );
  });

  test('no edit when the category is already that', () => {
    assert.deepEqual(setPropertyCategory(parse(base), 'Order Completed', 'order_id', 'none'), []);
  });
});

suite('declareDestination', () => {
  test('after the last destination, in block style', () => {
    expectEdit(
      base,
      (pm) => declareDestination(pm, 'mixpanel', { sdk: 'mixpanel', vendor: 'Mixpanel, Inc.', purposes: ['product-analytics'] }),
      replaced(base, '      - growth\n', '      - growth\n  mixpanel:\n    sdk: mixpanel\n    vendor: Mixpanel, Inc.\n    purposes: [product-analytics]\n'),
    );
  });

  test('creates the section after purposes', () => {
    const text = 'version: 1\n\npurposes:\n  p: {}\n\nevents: {}\n';
    expectEdit(text, (pm) => declareDestination(pm, 'ga', { sdk: 'ga4' }), 'version: 1\n\npurposes:\n  p: {}\n\ndestinations:\n  ga:\n    sdk: ga4\n\nevents: {}\n');
  });

  test('no edit when it exists', () => {
    assert.deepEqual(declareDestination(parse(base), 'ads', { sdk: 'x' }), []);
  });
});

suite('addEventDestination', () => {
  test('a block list', () => {
    expectEdit(base, (pm) => addEventDestination(pm, 'Order Completed', 'google-analytics'), replaced(base, '      - segment   # main\n', '      - segment   # main\n      - google-analytics\n'));
  });

  test('no destinations yet: the defaults (by purpose) are kept and the new one added, in a flow event', () => {
    expectEdit(
      base,
      (pm) => addEventDestination(pm, 'Page Viewed', 'ads'),
      replaced(base, '{ kind: page, purpose: product-analytics }', '{ kind: page, purpose: product-analytics, destinations: [segment, google-analytics, ads] }'),
    );
  });

  test('no destinations yet, block event', () => {
    expectEdit(base, (pm) => addEventDestination(pm, 'Signed Up', 'ads'), replaced(base, '    purpose: [product-analytics]\n', '    purpose: [product-analytics]\n    destinations: [segment, google-analytics, ads]\n'));
  });

  test('a flow list, an empty flow list, an indentless block list', () => {
    const dests = 'destinations:\n  a: {}\n  b: {}\n';
    expectEdit(`version: 1\n${dests}events:\n  A:\n    destinations: [a]   # only a\n`, (pm) => addEventDestination(pm, 'A', 'b'), `version: 1\n${dests}events:\n  A:\n    destinations: [a, b]   # only a\n`);
    expectEdit(`version: 1\n${dests}events:\n  A:\n    destinations: []\n`, (pm) => addEventDestination(pm, 'A', 'b'), `version: 1\n${dests}events:\n  A:\n    destinations: [b]\n`);
    expectEdit(`version: 1\n${dests}events:\n  A:\n    destinations:\n    - a\n`, (pm) => addEventDestination(pm, 'A', 'b'), `version: 1\n${dests}events:\n  A:\n    destinations:\n    - a\n    - b\n`);
  });

  test('no edit when already listed or the event is not declared', () => {
    assert.deepEqual(addEventDestination(parse(base), 'Order Completed', 'segment'), []);
    assert.deepEqual(addEventDestination(parse(base), 'Nope', 'segment'), []);
  });
});

suite('declareIdentityTrait', () => {
  test('creates identities.<destination> with its purpose, before events', () => {
    expectEdit(
      base,
      (pm) => declareIdentityTrait(pm, 'segment', 'email', 'user.contact.email', 'growth'),
      replaced(base, '      - growth\n\n', '      - growth\n\nidentities:\n  segment:\n    purpose: growth\n    traits:\n      email: user.contact.email\n\n'),
    );
  });

  test('adds a trait to an existing identity (flow and block)', () => {
    const head = 'version: 1\ndestinations:\n  segment: {}\n';
    expectEdit(
      `${head}identities:\n  segment: { traits: { id: user.unique_id } }\n`,
      (pm) => declareIdentityTrait(pm, 'segment', 'email', null),
      `${head}identities:\n  segment: { traits: { id: user.unique_id, email: TODO } }\n`,
    );
    expectEdit(
      `${head}identities:\n  segment:\n    traits:\n      id: user.unique_id\n`,
      (pm) => declareIdentityTrait(pm, 'segment', 'email', 'user.contact.email', 'ignored-when-the-identity-exists'),
      `${head}identities:\n  segment:\n    traits:\n      id: user.unique_id\n      email: user.contact.email\n`,
    );
    expectEdit(`${head}identities:\n  segment:\n`, (pm) => declareIdentityTrait(pm, 'segment', 'email', 'user.contact.email'), `${head}identities:\n  segment:\n    traits:\n      email: user.contact.email\n`);
  });
});

suite('declareTechnique', () => {
  test('a missing purpose is written as TODO', () => {
    expectEdit(
      base,
      (pm) => declareTechnique(pm, 'session-replay', { destinations: ['segment'] }),
      replaced(base, '      - growth\n\n', '      - growth\n\ntechniques:\n  session-replay:\n    purpose: TODO  # TODO: choose a purpose\n    destinations: [segment]\n\n'),
    );
  });

  test('a technique declared for other destinations gets this one', () => {
    const text = 'version: 1\npurposes:\n  p: {}\ntechniques:\n  session-replay: { purpose: p, destinations: [fullstory] }\n';
    expectEdit(text, (pm) => declareTechnique(pm, 'session-replay', { destinations: ['hotjar'] }), replaced(text, '[fullstory]', '[fullstory, hotjar]'));
    assert.deepEqual(declareTechnique(parse('version: 1\ntechniques:\n  ad-id: {}\n'), 'ad-id', { destinations: ['x'] }), []);
  });

  test('with a purpose, in a flow section', () => {
    expectEdit(
      'version: 1\npurposes: { p: {} }\ntechniques: { ad-id: {} }\n',
      (pm) => declareTechnique(pm, 'fingerprinting', { purpose: 'p' }),
      'version: 1\npurposes: { p: {} }\ntechniques: { ad-id: {}, fingerprinting: { purpose: p } }\n',
    );
  });
});

suite('removeException', () => {
  test('the first item, with its comment and the blank line after it', () => {
    expectEdit(base, (pm) => removeException(pm, 0), replaced(base, '  - rule: forbidden-category   # legacy\n    event: Order Completed\n    reason: hashed upstream\n\n', ''));
  });

  test('a flow item in a block list', () => {
    expectEdit(base, (pm) => removeException(pm, 1), replaced(base, '  - { rule: undeclared-property, event: Page Viewed }\n', ''));
  });

  test('the last item, keeping the comment after it', () => {
    expectEdit(base, (pm) => removeException(pm, 2), replaced(base, "  - rule: data-minimization\n    reason: 'reviewed, DPIA-7'\n", ''));
  });

  test('flow lists', () => {
    const text = 'version: 1\nexceptions: [{ rule: a }, { rule: b }, { rule: c }]\n';
    expectEdit(text, (pm) => removeException(pm, 1), 'version: 1\nexceptions: [{ rule: a }, { rule: c }]\n');
    expectEdit(text, (pm) => removeException(pm, 2), 'version: 1\nexceptions: [{ rule: a }, { rule: b }]\n');
    expectEdit('version: 1\nexceptions: [{ rule: a }]\n', (pm) => removeException(pm, 0), 'version: 1\nexceptions: []\n');
  });

  test('the only item', () => {
    expectEdit('version: 1\nexceptions:\n  - rule: a\n# end\n', (pm) => removeException(pm, 0), 'version: 1\nexceptions:\n# end\n');
  });

  test('no edit for an index out of range', () => {
    assert.deepEqual(removeException(parse(base), 3), []);
    assert.deepEqual(removeException(parse(base), -1), []);
  });
});

suite('text edits', () => {
  const text = 'ab\r\ncd\nef\rgh';

  test('positionAt / offsetAt round-trip, with \\r\\n, \\n and \\r', () => {
    for (let o = 0; o <= text.length; o++) {
      const p = positionAt(text, o);
      if (text[o - 1] === '\r' && text[o] === '\n') continue; // between \r and \n: not a position
      assert.equal(offsetAt(text, p), o, `offset ${o}`);
    }
    assert.deepEqual(positionAt(text, 4), { line: 1, character: 0 });
    assert.deepEqual(positionAt(text, 10), { line: 3, character: 0 });
    assert.equal(offsetAt(text, { line: 0, character: 99 }), 2);
    assert.equal(offsetAt(text, { line: 99, character: 0 }), text.length);
  });

  test('UTF-16 characters', () => {
    assert.deepEqual(positionAt('a😀b', 3), { line: 0, character: 3 });
    assert.equal(offsetAt('a😀b', { line: 0, character: 3 }), 3);
  });

  test('applyEdits applies from the end; inserts at one offset keep their order', () => {
    const at = (line: number, character: number) => ({ line, character });
    assert.equal(
      applyEdits('hello world', [
        { range: { start: at(0, 0), end: at(0, 5) }, newText: 'goodbye' },
        { range: { start: at(0, 11), end: at(0, 11) }, newText: '!' },
        { range: { start: at(0, 11), end: at(0, 11) }, newText: '?' },
      ]),
      'goodbye world!?',
    );
    assert.throws(() =>
      applyEdits('abc', [
        { range: { start: at(0, 0), end: at(0, 2) }, newText: '' },
        { range: { start: at(0, 1), end: at(0, 3) }, newText: '' },
      ]),
    );
  });
});
