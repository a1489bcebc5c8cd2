// The accounts, in a real browser: an administrator (EMAIL, PASSWORD) opens the customer's
// Accounts tab (CUSTOMER_ID), records a payment (AMOUNT) to the oldest open items and sees the
// balance fall and the credit bar move; the customer's user (USER_EMAIL, USER_PASSWORD) sees
// the invoice paid in part in the portal and downloads the statement as PDF.
// Every page visited passes axe-core; the tab and the portal's pages fit a phone.
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect, env, squash } from './lib.mjs';

async function recordPayment(page) {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', env('EMAIL'));
  await page.fill('#password', env('PASSWORD'));
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('main button[type=submit]')]);
  const tab = `${BASE}/customers/${env('CUSTOMER_ID')}/accounts`;
  await page.goto(tab);
  await checkAccessibility(page, 'accounts tab');
  const before = squash(await page.textContent('.balance[data-currency=EUR]'));
  const barBefore = Number(await page.getAttribute('#credit-used', 'value'));
  await screenshot(page, 'accounts-before');

  await page.fill('#amount', env('AMOUNT'));
  await Promise.all([page.waitForURL(tab), page.click('main button:has-text("Record payment")')]);
  await checkAccessibility(page, 'accounts tab after a payment');
  expect(squash(await page.textContent('.flash')).includes('PAY-'), 'the tab says the payment is recorded');
  const after = squash(await page.textContent('.balance[data-currency=EUR]'));
  const barAfter = Number(await page.getAttribute('#credit-used', 'value'));
  expect(after !== before, `the balance changes (${before} -> ${after})`);
  expect(barAfter < barBefore, `the credit bar moves down (${barBefore} -> ${barAfter})`);
  await screenshot(page, 'accounts-after');
  await page.setViewportSize({ width: 390, height: 844 });
  await checkFitsWidth(page, 'accounts tab on a phone');
}

async function downloadStatement(page) {
  await page.goto(`${BASE}/portal/login`);
  await page.fill('#email', env('USER_EMAIL'));
  await page.fill('#password', env('USER_PASSWORD'));
  await Promise.all([page.waitForURL(`${BASE}/portal`), page.click('main button[type=submit]')]);
  await Promise.all([page.waitForURL(`${BASE}/portal/invoices`), page.click('.main-nav a[href="/portal/invoices"]')]);
  await checkAccessibility(page, 'portal invoices');
  await checkFitsWidth(page, 'portal invoices on a phone');
  const rows = await page.$$eval('table.invoices tbody tr', trs => trs.length);
  expect(rows >= 1, `the customer's invoices are listed (${rows})`);
  await screenshot(page, 'accounts-portal-invoices');

  await Promise.all([page.waitForURL(`${BASE}/portal/statement`), page.click('.main-nav a[href="/portal/statement"]')]);
  await checkAccessibility(page, 'portal statement');
  await checkFitsWidth(page, 'portal statement on a phone');
  expect(squash(await page.textContent('.statement-lines')).includes('PAY-'), 'the statement on screen shows the payment');
  await screenshot(page, 'accounts-portal-statement');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('main a:has-text("Download the statement")'),
  ]);
  const file = await download.path();
  const bytes = (await import('node:fs')).readFileSync(file);
  expect(bytes.subarray(0, 5).toString() === '%PDF-', `the statement downloads as a PDF (${download.suggestedFilename()})`);
}

await run(async (browser) => {
  const staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await recordPayment(staff);
  const buyer = await (await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true })).newPage();
  await downloadStatement(buyer);
});
