// An order from a buyer's paste to the desk's shipment, in a real browser:
//   the customer user (USER_EMAIL, USER_PASSWORD) pastes three lines (LINES, "\n"-separated)
//   into quick order, checks out with a PO number (REFERENCE) to its ship-to address on invoice
//   and sees the confirmation; a staff member (EMAIL, PASSWORD) finds the order in the dispatch
//   queue, allocates it and adds a shipment with a carrier and TRACKING number.
// Every page visited passes axe-core; the queue and the order fit a phone.
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect, env, squash } from './lib.mjs';

async function buy(page) {
  await page.goto(`${BASE}/portal/login`);
  await page.fill('#email', env('USER_EMAIL'));
  await page.fill('#password', env('USER_PASSWORD'));
  await Promise.all([page.waitForURL(`${BASE}/portal`), page.click('main button[type=submit]')]);

  await page.goto(`${BASE}/portal/cart`);
  await checkAccessibility(page, 'empty cart');
  await page.fill('#lines', env('LINES').split('|').join('\n'));
  await Promise.all([page.waitForURL(/\/portal\/cart/), page.click('main button:has-text("Add to cart")')]);
  await checkAccessibility(page, 'cart with three lines');
  const lines = await page.$$eval('main table tbody tr', trs => trs.length);
  expect(lines === 3, `the three pasted lines are in the cart (${lines})`);
  await screenshot(page, 'order-story-cart');

  await Promise.all([page.waitForURL(/\/portal\/checkout/), page.click('text=Go to checkout')]);
  await checkAccessibility(page, 'checkout');
  const shipTo = await page.$eval('input[name=delivery]:checked', i => i.value);
  expect(shipTo.startsWith('ship:'), `the ship-to address is chosen as the form appears (${shipTo})`);
  const payment = await page.$eval('input[name=payment]:checked', i => i.value);
  expect(payment === 'invoice', `paying on invoice is chosen as the form appears (${payment})`);
  await page.fill('#customer_reference', env('REFERENCE'));
  await screenshot(page, 'order-story-checkout');
  await Promise.all([page.waitForURL(/\/portal\/orders\/SO-/), page.click('main button:has-text("Place the order")')]);
  await checkAccessibility(page, 'order confirmation');
  const heading = squash(await page.textContent('main h1'));
  const number = heading.match(/SO-\d+/)[0];
  expect(squash(await page.textContent('main')).includes(env('REFERENCE')), `the confirmation of ${number} shows the PO number`);
  return number;
}

async function ship(page, number) {
  await page.goto(`${BASE}/login`);
  await page.fill('#email', env('EMAIL'));
  await page.fill('#password', env('PASSWORD'));
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('main button[type=submit]')]);
  await checkAccessibility(page, 'dashboard with the queue counts');

  await Promise.all([page.waitForURL(`${BASE}/orders`), page.click('.main-nav a[href="/orders"]')]);
  await checkAccessibility(page, 'dispatch queue');
  await screenshot(page, 'order-story-queue');
  await Promise.all([page.waitForURL(/\/orders\/\d+$/), page.click(`table.orders-queue a:has-text("${number}")`)]);
  await checkAccessibility(page, 'order page');
  await Promise.all([page.waitForLoadState('load'), page.click('main button:has-text("Allocate")')]);
  expect(squash(await page.textContent('.badge.order-status')) === 'Allocated', 'the order is allocated');
  await page.fill('#carrier', 'DHL');
  await page.fill('#tracking_number', env('TRACKING'));
  await Promise.all([page.waitForLoadState('load'), page.click('main button:has-text("Add shipment")')]);
  await checkAccessibility(page, 'dispatched order');
  expect(squash(await page.textContent('.badge.order-status')) === 'Dispatched', 'the order is dispatched');
  expect(squash(await page.textContent('.timeline')).includes('Shipped'), 'the shipment is in the timeline');
  await screenshot(page, 'order-story-dispatched');

  await page.setViewportSize({ width: 390, height: 800 });
  await checkFitsWidth(page, 'order page on a phone');
  await page.goto(`${BASE}/orders?status=dispatched`);
  await checkFitsWidth(page, 'dispatch queue on a phone');
}

await run(async (browser) => {
  const buyer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const number = await buy(await buyer.newPage());
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ship(await desk.newPage(), number);
});
