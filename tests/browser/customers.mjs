// A staff member creates a customer through the form, sees validation beside the fields, edits
// it, writes a note and puts it on the watch list; every page passes axe-core and fits a phone.
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect } from './lib.mjs';

await run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('console', m => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text()); });

  await page.goto(`${BASE}/login`);
  await page.fill('#email', process.env.EMAIL);
  await page.fill('#password', process.env.PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button[type=submit]')]);

  await page.click('nav[aria-label=Main] >> text=Customers');
  await checkAccessibility(page, 'customer list');
  await page.click('text=New customer');
  await checkAccessibility(page, 'new customer form');

  // Submitting with mistakes: messages beside the fields, nothing created.
  await page.fill('#email', 'not an email');
  await page.fill('#credit_limit', 'a lot');
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Create customer")')]);
  expect((await page.textContent('#legal_name-error')).includes('legal name'), 'a missing legal name is explained beside the field');
  expect((await page.textContent('#email-error')).includes('email address'), 'a bad email is explained beside the field');
  expect(await page.inputValue('#credit_limit') === 'a lot', 'what was typed is kept');
  await checkAccessibility(page, 'new customer form with errors');
  await screenshot(page, 'customer-form-errors');

  await page.fill('#legal_name', 'Müller Haustechnik GmbH');
  await page.fill('#trading_name', 'Müller HT');
  await page.fill('#account_number', 'C-30001');
  await page.fill('#email', 'einkauf@mueller-ht.de');
  await page.fill('#credit_limit', '10,000');
  await page.selectOption('#customer_group_id', { label: 'Retailer' });
  await page.check('text=Key account');
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Create customer")')]);
  expect((await page.textContent('main h1')).includes('Müller Haustechnik GmbH'), 'the new customer is shown');
  expect((await page.textContent('.flash--success')).includes('created'), 'its creation is confirmed');
  // Nothing is owed yet (the balance comes from the ledger): the whole limit is available.
  expect((await page.textContent('#credit-heading + .facts')).includes('10,000.00'), 'available credit is derived');
  await checkAccessibility(page, 'customer detail');

  // Two addresses and a contact, from the detail page.
  const detail = page.url();
  await page.click('text=Add an address');
  await page.selectOption('#kind', 'billing');
  await page.fill('#line1', 'Hauptstraße 1');
  await page.fill('#postcode', '10115');
  await page.fill('#city', 'Berlin');
  await page.fill('#country', 'de');
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Add address")')]);
  await page.goto(`${detail.replace(/#.*$/, '')}/addresses/new`);
  await page.selectOption('#kind', 'shipping');
  await page.fill('#label', 'Dock 4');
  await page.fill('#line1', 'Hafenstraße 12');
  await page.fill('#postcode', '20457');
  await page.fill('#city', 'Hamburg');
  await page.fill('#country', 'DE');
  await page.check('#is_default_shipping');
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Add address")')]);
  await page.goto(`${detail.replace(/#.*$/, '')}/contacts/new`);
  await page.fill('#name', 'Petra Schulz');
  await page.fill('#email', 'petra@mueller-ht.de');
  await page.check('#subscriptions-order_confirmation');
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Add contact")')]);
  await page.goto(detail);
  expect((await page.textContent('#addresses-heading')).includes('(2)'), 'the detail page shows two addresses');
  expect((await page.textContent('#contacts-heading')).includes('(1)'), 'and one contact');

  // Edit it.
  await page.click('.actions--bar >> text=Edit');
  await page.fill('#phone', '+49 30 1234567');
  await Promise.all([page.waitForLoadState('load'), page.click('text=Save changes')]);
  expect((await page.textContent('#contact-heading + .facts')).includes('+49 30 1234567'), 'the edit is saved');

  // A note and the watch list.
  await page.fill('#note_body', 'Asked for delivery before the trade fair.');
  await Promise.all([page.waitForLoadState('load'), page.click('text=Add note')]);
  await page.fill('#watch_body', 'Returned several items claiming damage: check before despatch.');
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Put on watch list")')]);
  expect((await page.textContent('.watch-warning')).includes('claiming damage'), 'the watch-list warning tops the page');
  await checkAccessibility(page, 'customer detail with warning and note');
  await screenshot(page, 'customer-detail');

  for (const tab of ['Notes', 'History']) {
    await page.click(`nav[aria-label="Customer sections"] >> text=${tab}`);
    expect(await page.isVisible('.watch-warning'), `the warning shows on ${tab}`);
    await checkAccessibility(page, `${tab.toLowerCase()} page`);
  }
  await page.goto(`${BASE}/watch-list`);
  expect((await page.textContent('tbody')).includes('Müller Haustechnik GmbH'), 'the watch list lists it');
  await checkAccessibility(page, 'watch list');

  await page.setViewportSize({ width: 375, height: 740 });
  await page.click('text=Müller Haustechnik GmbH');
  await screenshot(page, 'customer-detail-phone');
  await checkFitsWidth(page, 'customer detail on a phone');
  await page.click('.actions--bar >> text=Edit');
  await checkFitsWidth(page, 'customer form on a phone');
  expect(errors.length === 0, `no console errors (${errors.join(' | ')})`);
});
