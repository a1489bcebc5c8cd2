// Requests and approvals in a real browser: staff record a request on a customer's behalf, a
// digital administrator opens the queue, tries to approve ordering without a catalog (a message
// beside the catalogs), approves with one, and the customer's page shows ordering active. Every
// page passes axe-core and the queue and request fit a phone. Needs EMAIL, PASSWORD, CUSTOMER_ID.
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect } from './lib.mjs';

const id = process.env.CUSTOMER_ID;

await run(async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', m => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });

  await page.goto(`${BASE}/login`);
  await page.fill('#email', process.env.EMAIL);
  await page.fill('#password', process.env.PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button[type=submit]')]);

  // Record a request on the customer's behalf.
  await page.goto(`${BASE}/customers/${id}/requests`);
  await checkAccessibility(page, 'services and requests tab');
  await page.check('#service-ordering');
  await page.check('#service-invoices');
  await page.selectOption('#salesperson', { label: 'sam seller' });
  await Promise.all([page.waitForURL(`${BASE}/customers/${id}/requests`), page.click('.request-form button[type=submit]')]);
  expect((await page.textContent('.flash--success')).includes('approval queue'), 'the request is confirmed');

  // The dashboard counts it and links to the queue.
  await page.goto(`${BASE}/`);
  expect((await page.textContent('#requests-heading + .card__number')).trim() === '1', 'the dashboard counts one open request');
  await Promise.all([page.waitForURL(`${BASE}/approvals`), page.click('#requests-heading ~ .card__note a')]);
  await checkAccessibility(page, 'approval queue');
  await screenshot(page, 'approvals');

  // Open the request; approving ordering without a catalog is refused beside the catalogs.
  await Promise.all([page.waitForLoadState('load'), page.click('.approvals td[data-label=Customer] a')]);
  await checkAccessibility(page, 'a request');
  await Promise.all([page.waitForLoadState('load'), page.click('#approve-form button[type=submit]')]);
  expect(await page.isVisible('#catalogs-error'), 'approving without a catalog shows a message beside the catalogs');
  await checkAccessibility(page, 'a request with a decision error');
  await page.getByLabel('Standard catalog').check();
  await Promise.all([page.waitForLoadState('load'), page.click('#approve-form button[type=submit]')]);
  expect((await page.textContent('.flash--success')).includes('approved'), 'the approval is confirmed');
  await screenshot(page, 'approved');

  // The customer now orders from its catalog.
  await page.goto(`${BASE}/customers/${id}`);
  expect((await page.textContent('.services')).replace(/\s+/g, ' ').includes('Ordering Active'), 'ordering is active on the customer');

  // A phone.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${BASE}/approvals?tab=enabled`);
  await checkFitsWidth(page, 'approval queue on a phone');
  await Promise.all([page.waitForURL(/\/approvals\/\d+$/), page.click('.approvals td[data-label=Customer] a')]);
  await checkFitsWidth(page, 'a request on a phone');
  await page.goto(`${BASE}/customers/${id}/requests`);
  await checkFitsWidth(page, 'services and requests on a phone');

  expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
});
