import * as assert from 'node:assert/strict';
import { parseAnnotation } from '../../src/core/analysis/annotations';

suite('annotations', () => {
  test('a line comment and a JSDoc tag are annotations', () => {
    assert.deepEqual(parseAnnotation('// @privacy event="Checkout Step" purpose=product-analytics'), { tracker: false, values: { event: 'Checkout Step', purpose: 'product-analytics' } });
    assert.deepEqual(parseAnnotation('/**\n * Sends an event.\n * @privacy tracker destination=segment kind=track event_arg=0 properties_arg=1\n */'), {
      tracker: true,
      values: { destination: 'segment', kind: 'track', event_arg: '0', properties_arg: '1' },
    });
    assert.deepEqual(parseAnnotation("/* @privacy events='Signed Up|Signed In' */"), { tracker: false, values: { events: 'Signed Up|Signed In' } });
  });

  test('prose that mentions @privacy is not an annotation', () => {
    assert.equal(parseAnnotation('/** Destinations set by an `@privacy tracker` annotation are kept. */'), null);
    assert.equal(parseAnnotation('// see the @privacy tracker docs'), null);
    assert.equal(parseAnnotation('// nothing here'), null);
  });
});
