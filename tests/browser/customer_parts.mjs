// A customer's addresses and contacts in a real browser: the lists and forms pass axe-core,
// an empty form comes back with a message beside each field, an address can be added, and the
// lists fit a phone. Needs EMAIL, PASSWORD and CUSTOMER_ID.
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect } from './lib.mjs';

const id = process.env.CUSTOMER_ID;

await run(async (browser) => {
  // One context, so that a second tab shares the session.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  // CSP violations and script errors count; the 422 and 409 this script provokes do not.
  page.on('console', m => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });

  await page.goto(`${BASE}/login`);
  await page.fill('#email', process.env.EMAIL);
  await page.fill('#password', process.env.PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button[type=submit]')]);

  // The addresses list, empty.
  await page.goto(`${BASE}/customers/${id}/addresses`);
  expect((await page.textContent('main h2')).trim() === 'Addresses', 'the addresses list shows');
  await checkAccessibility(page, 'addresses list (empty)');

  // The new-address form, sent empty: a message beside each required field.
  await Promise.all([page.waitForURL(`${BASE}/customers/${id}/addresses/new`), page.click('text=Add address')]);
  await checkAccessibility(page, 'new address form');
  await Promise.all([page.waitForLoadState('load'), page.click('form[novalidate] button[type=submit]')]);
  for (const field of ['line1', 'city', 'country']) {
    expect(await page.isVisible(`#${field}-error`), `an empty form shows a message beside ${field}`);
    expect(await page.getAttribute(`#${field}`, 'aria-invalid') === 'true', `${field} is marked invalid`);
  }
  await checkAccessibility(page, 'new address form with errors');
  await screenshot(page, 'address-form-errors');

  // Add one, by keyboard-reachable controls.
  await page.selectOption('#kind', 'shipping');
  await page.fill('#label', 'Dock 4, North');
  await page.fill('#line1', 'Hafenstraße 12');
  await page.fill('#postcode', '20457');
  await page.fill('#city', 'Hamburg');
  await page.fill('#country', 'de');
  await page.check('#is_default_shipping');
  await Promise.all([page.waitForURL(`${BASE}/customers/${id}/addresses`), page.click('form[novalidate] button[type=submit]')]);
  expect((await page.textContent('.flash--success')).includes('Dock 4, North'), 'the new address is confirmed');
  expect((await page.textContent('tbody td[data-label=Address]')).includes('20457 Hamburg, DE'), 'the list shows the address');
  await checkAccessibility(page, 'addresses list');
  await screenshot(page, 'addresses');

  // Its edit form.
  await page.click('tbody a:has-text("Edit")');
  await page.waitForLoadState('load');
  expect((await page.inputValue('#city')) === 'Hamburg', 'the edit form shows the address');
  await checkAccessibility(page, 'edit address form');

  // Someone else saves the same address in another tab; this save is then refused with a 409
  // that shows what changed meanwhile.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.fill('#city', 'Bremen');
  await Promise.all([other.waitForURL(`${BASE}/customers/${id}/addresses`), other.click('form[novalidate] button[type=submit]')]);
  await other.close();
  await page.fill('#label', 'Dock 5');
  await Promise.all([page.waitForLoadState('load'), page.click('form[novalidate] button[type=submit]')]);
  expect((await page.textContent('#changed-heading')).includes('Changed meanwhile'), 'a stale save shows what changed meanwhile');
  expect((await page.inputValue('#label')) === 'Dock 5', 'the stale save keeps the input');
  await checkAccessibility(page, 'edit address form after a conflict');
  await screenshot(page, 'address-conflict');

  // Contacts.
  await page.goto(`${BASE}/customers/${id}/contacts`);
  expect((await page.textContent('main h2')).trim() === 'Contacts', 'the contacts list shows');
  await checkAccessibility(page, 'contacts list (empty)');
  await Promise.all([page.waitForURL(`${BASE}/customers/${id}/contacts/new`), page.click('text=Add contact')]);
  await checkAccessibility(page, 'new contact form');
  await page.fill('#name', 'Ann Lee');
  await page.fill('#email', 'not an email');
  await Promise.all([page.waitForLoadState('load'), page.click('form[novalidate] button[type=submit]')]);
  expect(await page.isVisible('#email-error'), 'a wrong email is explained beside the field');
  await checkAccessibility(page, 'new contact form with errors');
  await page.fill('#email', 'ann@example.com');
  await page.check('#subscriptions-invoice_posted');
  await Promise.all([page.waitForURL(`${BASE}/customers/${id}/contacts`), page.click('form[novalidate] button[type=submit]')]);
  expect((await page.textContent('tbody td[data-label="Notified of"]')).includes('Invoice posted'), 'the contact list shows the subscription');
  await checkAccessibility(page, 'contacts list');
  await screenshot(page, 'contacts');

  // A phone.
  await page.setViewportSize({ width: 375, height: 740 });
  for (const [path, label] of [
    [`/customers/${id}/addresses`, 'addresses list'],
    [`/customers/${id}/addresses/new`, 'new address form'],
    [`/customers/${id}/contacts`, 'contacts list'],
    [`/customers/${id}/contacts/new`, 'new contact form'],
  ]) {
    await page.goto(`${BASE}${path}`);
    await checkFitsWidth(page, `${label} on a phone`);
  }
  await page.goto(`${BASE}/customers/${id}/addresses`);
  await screenshot(page, 'addresses-phone');
  expect(errors.length === 0, `no console errors (${errors.join(' | ')})`);
});
