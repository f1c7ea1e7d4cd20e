/**
 * forbidden-category, category-mismatch, data-minimization, special-category.
 */
import * as assert from 'node:assert/strict';
import { BASE, MANIFEST, applyFix, at, fixNamed, messages, of, run } from './harness';
import { disagrees } from '../../../src/core/rules/category-mismatch';

suite('rules: forbidden-category', () => {
  const m = BASE.replace('    purposes: [product-analytics]\n    region: US', '    purposes: [product-analytics]\n    forbid: [user.contact]\n    region: US');
  test('an inferred category under a forbidden one', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro', email: user.email });\n` }, m);
    const fs = of(r, 'forbidden-category');
    assert.deepEqual(fs.map((f) => f.message), ["Property 'email' (user.contact.email) is forbidden at destination 'segment' (forbid: user.contact) in event 'Order Completed'"]);
    assert.equal(fs[0].category, 'user.contact.email');
    assert.equal(fs[0].destination, 'segment');
    assert.equal(at(fs[0]), '1:51');
    const fix = fixNamed(fs[0], 'Remove property');
    assert.equal(fix.safe, false);
    assert.equal(applyFix(r, fix)['src/app.ts'], `analytics.track('Order Completed', { plan: 'pro' });\n`);
  });
  test('the declared category wins over the inferred one', async () => {
    const m2 = m.replace('      plan: user.behavior\n', '      plan: user.behavior\n      contact: user.behavior\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { contact: user.email });\n` }, m2);
    assert.deepEqual(of(r, 'forbidden-category'), []);
    const m3 = m.replace('      plan: user.behavior\n', '      plan: user.contact.phone_number\n');
    const r3 = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro' });\n` }, m3);
    assert.deepEqual(messages(r3, 'forbidden-category'), ["Property 'plan' (user.contact.phone_number) is forbidden at destination 'segment' (forbid: user.contact) in event 'Order Completed'"]);
  });
  test('identity traits too, and undeclared events', async () => {
    const r = await run({ 'src/app.ts': `analytics.identify(u.id, { email: u.email });\nanalytics.track('Nope', { phone: u.phone });\n` }, m);
    assert.deepEqual(messages(r, 'forbidden-category'), [
      "Trait 'email' (user.contact.email) is forbidden at destination 'segment' (forbid: user.contact)",
      "Property 'phone' (user.contact.phone_number) is forbidden at destination 'segment' (forbid: user.contact) in event 'Nope'",
    ]);
  });
});

suite('rules: category-mismatch', () => {
  test('hierarchy: neither within the other disagrees; none vs personal disagrees; personal vs none agrees', () => {
    assert.equal(disagrees('user.contact', 'user.contact.email'), false);
    assert.equal(disagrees('user.contact.email', 'user.contact'), false);
    assert.equal(disagrees('user.behavior', 'user.contact.email'), true);
    assert.equal(disagrees('none', 'user.contact.email'), true);
    assert.equal(disagrees('user.contact.email', 'none'), false);
    assert.equal(disagrees('none', 'none'), false);
  });
  test('declared none, value an e-mail: fix sets the inferred category', async () => {
    const m = BASE.replace('      plan: user.behavior\n', "      plan: user.behavior\n      customer: none   # reviewed\n");
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { customer: user.email });\n` }, m);
    const fs = of(r, 'category-mismatch');
    assert.deepEqual(fs.map((f) => f.message), ["Property 'customer' of event 'Order Completed' is declared none, but its value looks like user.contact.email"]);
    assert.equal(fs[0].severity, 'warning');
    const fix = fixNamed(fs[0], 'Set the category');
    assert.equal(fix.safe, true);
    assert.equal(applyFix(r, fix)[MANIFEST], m.replace('customer: none   # reviewed', 'customer: user.contact.email   # reviewed'));
  });
  test('a TODO category is reported until chosen', async () => {
    const m = BASE.replace('      plan: user.behavior\n', '      plan: user.behavior\n      email: TODO\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { email: user.email });\n` }, m);
    assert.deepEqual(messages(r, 'category-mismatch'), ["Property 'email' of event 'Order Completed' is declared TODO, but its value looks like user.contact.email"]);
    assert.equal(applyFix(r, of(r, 'category-mismatch')[0].fixes[0])[MANIFEST], m.replace('email: TODO', 'email: user.contact.email'));
  });
  test('agreeing declarations are fine', async () => {
    const m = BASE.replace('      plan: user.behavior\n', '      plan: user.behavior\n      email: user.contact\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro', email: user.email, order_id: o.id });\n` }, m);
    assert.deepEqual(of(r, 'category-mismatch'), []);
  });
});

suite('rules: data-minimization', () => {
  test('a category outside the purpose’s data', async () => {
    const m = BASE.replace('      plan: user.behavior\n', '      plan: user.behavior\n      email: user.contact.email\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro', email: user.email });\n` }, m);
    const fs = of(r, 'data-minimization');
    assert.deepEqual(fs.map((f) => f.message), [
      "Property 'email' (user.contact.email) of event 'Order Completed' is not in the data of purpose 'product-analytics' (user.behavior, user.device, user.unique_id, none)",
    ]);
    assert.equal(fs[0].purpose, 'product-analytics');
  });
  test('a property’s own purpose is used', async () => {
    const m = BASE.replace('      plan: user.behavior\n', '      plan: user.behavior\n      email: { category: user.contact.email, purpose: marketing }\n');
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro', email: user.email });\n` }, m);
    assert.deepEqual(of(r, 'data-minimization'), []);
  });
  test('within the data list (hierarchically) is fine', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { plan: 'pro', order_id: o.id });\n` }, BASE);
    assert.deepEqual(of(r, 'data-minimization'), []);
  });
});

suite('rules: special-category', () => {
  const m = BASE.replace('  Page Viewed:\n', '  Prescription Refilled:\n    purpose: product-analytics\n    properties:\n      drug: user.health_and_medical\n  Page Viewed:\n');
  test('revealed by the event name and by a property', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Prescription Refilled', { drug: rx.name });\n` }, m);
    assert.deepEqual(messages(r, 'special-category'), [
      "Event 'Prescription Refilled' reveals user.health_and_medical (GDPR Art. 9 special-category data) and is sent under purpose 'product-analytics', which has no special_category_basis",
      "Property 'drug' (user.health_and_medical) of event 'Prescription Refilled' is GDPR Art. 9 special-category data sent under purpose 'product-analytics', which has no special_category_basis",
    ]);
  });
  test('an inferred special category in an ordinary event', async () => {
    const r = await run({ 'src/app.ts': `analytics.track('Order Completed', { diagnosis: form.diagnosis });\n` }, BASE);
    assert.deepEqual(messages(r, 'special-category'), [
      "Property 'diagnosis' (user.health_and_medical) of event 'Order Completed' is GDPR Art. 9 special-category data sent under purpose 'product-analytics', which has no special_category_basis",
    ]);
  });
  test('a purpose with special_category_basis allows it', async () => {
    const m2 = m.replace('    data: [user.behavior, user.device, user.unique_id, none]\n', '    data: [user.behavior, user.device, user.unique_id, user.health_and_medical, none]\n    special_category_basis: explicit_consent\n');
    const r = await run({ 'src/app.ts': `analytics.track('Prescription Refilled', { drug: rx.name });\n` }, m2);
    assert.deepEqual(of(r, 'special-category'), []);
    assert.deepEqual(of(r, 'data-minimization'), []);
  });
});
