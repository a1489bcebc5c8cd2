// The customer list in a real browser: filtering by a status tab and a filter, searching with
// and without accents, sorting by a column both ways, and the back button; every state passes
// axe-core, and the list fits a 375 px phone.
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect } from './lib.mjs';

const names = async (page) => page.$$eval('tbody td[data-label=Name] > a', as => as.map(a => a.textContent.trim()));

await run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${BASE}/login`);
  await page.fill('#email', process.env.EMAIL);
  await page.fill('#password', process.env.PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button[type=submit]')]);

  await page.goto(`${BASE}/customers`);
  expect((await names(page)).join('|') === 'Müller GmbH|Omega Supplies|Zeta Trading', 'the list is by name');
  await checkAccessibility(page, 'customer list');

  // A status tab.
  await Promise.all([page.waitForURL(/status=active/), page.click('nav.tabs >> text=Enabled')]);
  expect(await page.getAttribute('nav.tabs a[aria-current=page]', 'href') !== null, 'the current tab is marked');
  expect((await names(page)).length === 3, 'every customer is enabled');
  await Promise.all([page.waitForURL(/status=pending/), page.click('nav.tabs >> text=Open requests')]);
  expect((await page.textContent('.list-empty')).includes('No customers match'), 'no open requests: an empty state');
  await checkAccessibility(page, 'empty status tab');
  await page.goBack();
  await page.waitForURL(/status=active/);
  expect((await names(page)).length === 3, 'the back button returns to the previous tab');
  await page.click('nav.tabs >> text=All');
  await page.waitForLoadState('load');

  // Search without the accent.
  await page.fill('#q', 'muller');
  await page.selectOption('#field', 'name');
  await Promise.all([page.waitForURL(/q=muller/), page.click('button:has-text("Show customers")')]);
  expect((await names(page)).join('|') === 'Müller GmbH', '"muller" finds Müller GmbH');
  expect(await page.inputValue('#q') === 'muller', 'the search stays in the box');

  // An account number opens the customer.
  await page.fill('#q', 'C-2');
  await page.selectOption('#field', 'account_number');
  await Promise.all([page.waitForURL(/\/customers\/\d+$/), page.click('button:has-text("Show customers")')]);
  expect((await page.textContent('main h1')).includes('Zeta Trading'), 'an account number opens its customer');

  // Sorting both ways.
  await page.goto(`${BASE}/customers`);
  await Promise.all([page.waitForURL(/sort=balance/), page.click('th >> text=Balance')]);
  expect(await page.getAttribute('th[aria-sort]', 'aria-sort') === 'ascending', 'the balance header says ascending');
  expect((await names(page)).at(-1) === 'Zeta Trading', 'the largest balance comes last');
  await Promise.all([page.waitForURL(/dir=desc/), page.click('th >> text=Balance')]);
  expect(await page.getAttribute('th[aria-sort]', 'aria-sort') === 'descending', 'a second click sorts descending');
  expect((await names(page))[0] === 'Zeta Trading', 'the largest balance comes first');

  // A filter from the form, kept with the sort.
  await page.click('summary:has-text("Filters")');
  await page.selectOption('#active', 'yes');
  await Promise.all([page.waitForURL(/active=yes/), page.click('button:has-text("Show customers")')]);
  expect(page.url().includes('sort=balance') && page.url().includes('dir=desc'), 'filtering keeps the sort');
  expect((await page.getAttribute('.list-download a', 'href')).includes('active=yes'), 'the download carries the filters');
  await checkAccessibility(page, 'filtered, sorted list');
  await screenshot(page, 'customer-list');

  // A phone.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${BASE}/customers`);
  await checkFitsWidth(page, 'customer list on a phone');
  await checkAccessibility(page, 'customer list on a phone');
  await screenshot(page, 'customer-list-phone');
});
