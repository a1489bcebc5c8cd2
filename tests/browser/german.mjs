// The portal in German, in a real browser. A customer user opens the sign-in page in an English
// browser, switches to Deutsch, signs in and asks for ordering; a digital administrator whose
// browser asks for German (de-DE) sees the request in "Offene Anfragen" and approves it with a
// catalog; back in the portal the products show the customer's price as 1.234,50 €. Every page
// is German (<html lang="de">) and passes axe-core; the German products page and approval
// are screenshotted.
// Needs USER_EMAIL, USER_PASSWORD, ADMIN_EMAIL, ADMIN_PASSWORD, SALESPERSON, CATALOG, PRODUCT,
// PRICE (as German writes it, e.g. "1.234,50 €").
import { BASE, run, checkAccessibility, screenshot, expect, env, squash, german } from './lib.mjs';

await run(async (browser) => {
  // The customer user, in an English browser: the switch on the sign-in page makes it German.
  const customer = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const user = await customer.newPage();
  await user.goto(`${BASE}/portal/login`);
  expect((await user.getAttribute('html', 'lang')) === 'en', 'the English browser gets the English sign-in page');
  await Promise.all([user.waitForURL(/lang=de/), user.click('.language-switch a[hreflang=de]')]);
  await german(user, 'portal sign-in after the switch');
  expect(squash(await user.textContent('main h1')).includes('Kundenportal'), 'the sign-in page speaks German');
  await user.fill('#email', env('USER_EMAIL'));
  await user.fill('#password', env('USER_PASSWORD'));
  await Promise.all([user.waitForURL(`${BASE}/portal`), user.click('main button[type=submit]')]);
  await german(user, 'portal home');
  expect(squash(await user.textContent('.main-nav')).includes('Bestellungen'), 'the navigation is German');

  await Promise.all([user.waitForURL(`${BASE}/portal/requests`), user.click('.main-nav a[href="/portal/requests"]')]);
  await german(user, 'portal requests (none yet)');
  await user.goto(`${BASE}/portal/requests/new`);
  await german(user, 'portal new request');
  await user.check('#service-ordering');
  await user.selectOption('#salesperson', { label: env('SALESPERSON') });
  await user.fill('#message', 'Wir möchten online bestellen.');
  await Promise.all([user.waitForURL(`${BASE}/portal/requests`), user.click('main form button[type=submit]')]);
  await german(user, 'portal requests (one asked)');
  const asked = squash(await user.textContent('main table tbody tr'));
  expect(asked.includes('Bestellen') && asked.includes('Offen'), `the request asks for ordering and is open (${asked})`);

  // The digital administrator, whose browser asks for German.
  const staff = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
  const admin = await staff.newPage();
  await admin.goto(`${BASE}/login`);
  await german(admin, 'staff sign-in');
  await admin.fill('#email', env('ADMIN_EMAIL'));
  await admin.fill('#password', env('ADMIN_PASSWORD'));
  await Promise.all([admin.waitForURL(`${BASE}/`), admin.click('main button[type=submit]')]);
  await german(admin, 'dashboard');
  expect(squash(await admin.textContent('.main-nav')).includes('Offene Anfragen'), 'the navigation says "Offene Anfragen"');
  await Promise.all([admin.waitForURL(`${BASE}/approvals`), admin.click('.main-nav a[href="/approvals"]')]);
  await german(admin, 'approval queue');
  await Promise.all([admin.waitForURL(/\/approvals\/\d+$/), admin.click('.approvals tbody tr a')]);
  await german(admin, 'the request');
  expect(squash(await admin.textContent('main')).includes('Wir möchten online bestellen.'), 'the request shows the customer\'s message');
  await admin.getByLabel(env('CATALOG')).check();
  await Promise.all([admin.waitForLoadState('load'), admin.click('#approve-form button[type=submit]')]);
  await german(admin, 'the approved request');
  expect(squash(await admin.textContent('.flash--success')).length > 0, 'the approval is confirmed');
  await screenshot(admin, 'approval-de');
  await staff.close();

  // Back in the portal: the products at the customer's price, as German writes it.
  await Promise.all([user.waitForURL(`${BASE}/portal/products`), user.click('.main-nav a[href="/portal/products"]')]);
  await german(user, 'portal products');
  const rows = (await user.$$eval('main table tbody tr', trs => trs.map(tr => tr.textContent))).map(squash);
  const row = rows.find(r => r.includes(env('PRODUCT')));
  expect(row && row.includes(env('PRICE')), `the product costs ${env('PRICE')} (${row})`);
  await screenshot(user, 'portal-products-de');
  await customer.close();
});
