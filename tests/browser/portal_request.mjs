// The customer's side of requests, in a real browser: a customer user signs in to the portal,
// asks for ordering through the form and sees the request listed; a digital administrator, in
// a browser of their own, sees it counted on the dashboard, opens it from the approval queue and
// approves it with a catalog; back in the portal, ordering is active with that catalog. Every
// page passes axe-core; the portal home and the request form fit a phone.
// Needs USER_EMAIL, USER_PASSWORD, ADMIN_EMAIL, ADMIN_PASSWORD, SALESPERSON, CATALOG.
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect, env, squash } from './lib.mjs';

await run(async (browser) => {
  const errors = [];
  const watch = (page) => page.on('console', m => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });

  // The customer user.
  const customer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const user = await customer.newPage();
  watch(user);
  await user.goto(`${BASE}/portal/login`);
  await checkAccessibility(user, 'portal sign-in');
  await user.fill('#email', env('USER_EMAIL'));
  await user.fill('#password', env('USER_PASSWORD'));
  await Promise.all([user.waitForURL(`${BASE}/portal`), user.click('main button[type=submit]')]);
  await checkAccessibility(user, 'portal home');

  await Promise.all([user.waitForURL(`${BASE}/portal/requests`), user.click('.main-nav a[href="/portal/requests"]')]);
  await checkAccessibility(user, 'portal requests (none yet)');
  expect((await user.textContent('main .empty')).includes('not asked for anything'), 'no requests yet');
  await Promise.all([user.waitForURL(`${BASE}/portal/requests/new`), user.click('text=Ask for services or integrations')]);
  await checkAccessibility(user, 'portal new request');
  await user.check('#service-ordering');
  await user.selectOption('#salesperson', { label: env('SALESPERSON') });
  await user.fill('#message', 'We would like to order online.');
  await Promise.all([user.waitForURL(`${BASE}/portal/requests`), user.click('main form button[type=submit]')]);
  await checkAccessibility(user, 'portal requests (one asked)');
  const rows = (await user.$$eval('main table tbody tr', trs => trs.map(tr => [...tr.cells].map(c => c.textContent).join(' ')))).map(squash);
  expect(rows.length === 1, `one request listed (${rows.join(' | ')})`);
  expect(rows[0].includes('Ordering') && rows[0].includes('Open'), `the request asks for ordering and is open (${rows[0]})`);

  // The digital administrator, in a browser of their own.
  const staff = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const admin = await staff.newPage();
  watch(admin);
  await admin.goto(`${BASE}/login`);
  await admin.fill('#email', env('ADMIN_EMAIL'));
  await admin.fill('#password', env('ADMIN_PASSWORD'));
  await Promise.all([admin.waitForURL(`${BASE}/`), admin.click('main button[type=submit]')]);
  await checkAccessibility(admin, 'dashboard');
  expect((await admin.textContent('#requests-heading + .card__number')).trim() === '1', 'the dashboard counts one open request');
  await Promise.all([admin.waitForURL(`${BASE}/approvals`), admin.click('#requests-heading ~ .card__note a')]);
  await checkAccessibility(admin, 'approval queue');
  const queued = (await admin.$$eval('.approvals tbody tr', trs => trs.map(tr => [...tr.cells].map(c => c.textContent).join(' ')))).map(squash);
  expect(queued.length === 1 && queued[0].includes('Ordering') && queued[0].includes(env('SALESPERSON')),
    `the queue holds the request with its salesperson (${queued.join(' | ')})`);
  await Promise.all([admin.waitForURL(/\/approvals\/\d+$/), admin.click('.approvals td[data-label=Customer] a')]);
  await checkAccessibility(admin, 'the request');
  expect(squash(await admin.textContent('main')).includes('We would like to order online.'), 'the request shows the customer\'s message');
  await admin.getByLabel(env('CATALOG')).check();
  await Promise.all([admin.waitForLoadState('load'), admin.click('#approve-form button[type=submit]')]);
  expect((await admin.textContent('.flash--success')).includes('approved'), 'the approval is confirmed');
  await checkAccessibility(admin, 'the approved request');
  await staff.close();

  // Back in the portal: ordering is active, from the catalog.
  await Promise.all([user.waitForURL(`${BASE}/portal`), user.click('.main-nav a[href="/portal"]')]);
  const services = (await user.$$eval('#services-heading + table tbody tr', trs => trs.map(tr => [...tr.cells].map(c => c.textContent).join(' ')))).map(squash);
  const ordering = services.find(r => r.startsWith('Ordering'));
  expect(ordering && ordering.includes('Active'), `the portal shows ordering active (${ordering})`);
  expect(squash(await user.textContent('main')).includes(`Catalogs you can order from: ${env('CATALOG')}`), 'the portal names the catalog');
  await checkAccessibility(user, 'portal home with ordering active');
  await screenshot(user, 'portal-home');
  await Promise.all([user.waitForURL(`${BASE}/portal/requests`), user.click('.main-nav a[href="/portal/requests"]')]);
  const after = squash(await user.textContent('main table tbody tr'));
  expect(after.includes('Approved'), `the request is listed as approved (${after})`);

  // A phone.
  await user.setViewportSize({ width: 375, height: 740 });
  await user.goto(`${BASE}/portal`);
  await checkFitsWidth(user, 'portal home on a phone');
  await user.goto(`${BASE}/portal/requests/new`);
  await checkAccessibility(user, 'portal new request on a phone');
  await checkFitsWidth(user, 'portal new request on a phone');
  await screenshot(user, 'portal-request-phone');

  expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
});
