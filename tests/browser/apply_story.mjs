// A prospect becomes a customer, in German, in a real browser. In four runs, so that the Rust
// test can read the emails in between:
//   STEP=apply: in a German browser (de-DE) the prospect opens the sign-in page, follows "become
//     a customer", fills in its company, address, contact, the ordering service and its
//     salesperson, and is told to look in its inbox. Needs COMPANY, POSTCODE, CONTACT, EMAIL,
//     SALESPERSON.
//   STEP=confirm: it opens the emailed LINK and confirms; the application is with the vendor.
//   STEP=approve: a digital administrator (de-DE) sees the pending customer's request in
//     "Offene Anfragen" and approves it with a catalog. Needs ADMIN_EMAIL, ADMIN_PASSWORD,
//     COMPANY, CATALOG.
//   STEP=accept: the applicant opens the emailed invitation LINK, chooses a password (USER_PASSWORD),
//     lands on the portal home, opens "Benutzer" and invites COLLEAGUE_NAME / COLLEAGUE_EMAIL as a
//     buyer ("Einkauf"), who is then listed as invited.
// Every page is German (<html lang="de">) and passes axe-core; the application form, the queue's
// request and the users page are screenshotted.
import { BASE, run, checkAccessibility, screenshot, expect, env, squash, german } from './lib.mjs';

async function apply(page) {
  await page.goto(`${BASE}/portal/login`);
  await german(page, 'portal sign-in');
  await Promise.all([page.waitForURL(`${BASE}/portal/apply`), page.click('a[href="/portal/apply"]')]);
  await german(page, 'the application form');
  expect(squash(await page.textContent('main h1')) === 'Kunde werden', 'the form is headed "Kunde werden"');
  await page.fill('#legal_name', env('COMPANY'));
  await page.fill('#tax_id', 'DE123456789');
  await page.fill('#phone', '+49 40 123456');
  await page.fill('#line1', 'Hafenstraße 7');
  await page.fill('#postcode', env('POSTCODE'));
  await page.fill('#city', 'Hamburg');
  await page.fill('#country', 'DE');
  await page.fill('#contact_name', env('CONTACT'));
  await page.fill('#email', env('EMAIL'));
  await page.check('#service-ordering');
  await page.selectOption('#salesperson', { label: env('SALESPERSON') });
  await page.fill('#message', 'Wir möchten gern online bei Ihnen bestellen.');
  await screenshot(page, 'apply-de');
  await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
  await german(page, 'application sent');
  expect(squash(await page.textContent('main h1')) === 'Sehen Sie in Ihr Postfach', 'the prospect is told to look in its inbox');
}

async function confirm(page) {
  await page.goto(env('LINK'));
  await german(page, 'confirmation page');
  await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
  await german(page, 'application confirmed');
  expect(squash(await page.textContent('main h1')) === 'Bewerbung bestätigt', 'the application is confirmed');
}

async function approve(page) {
  await page.goto(`${BASE}/login`);
  await german(page, 'staff sign-in');
  await page.fill('#email', env('ADMIN_EMAIL'));
  await page.fill('#password', env('ADMIN_PASSWORD'));
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('main button[type=submit]')]);
  await Promise.all([page.waitForURL(`${BASE}/approvals`), page.click('.main-nav a[href="/approvals"]')]);
  await german(page, 'approval queue');
  const row = page.locator('.approvals tbody tr', { hasText: env('COMPANY') });
  await Promise.all([page.waitForURL(/\/approvals\/\d+$/), row.locator('a').first().click()]);
  await german(page, 'the application in the queue');
  expect(squash(await page.textContent('main')).includes('Wir möchten gern online bei Ihnen bestellen.'),
    'the request shows the prospect\'s message');
  await page.getByLabel(env('CATALOG')).check();
  await Promise.all([page.waitForLoadState('load'), page.click('#approve-form button[type=submit]')]);
  await german(page, 'the approved application');
  expect(squash(await page.textContent('.flash--success')).length > 0, 'the approval is confirmed');
  await screenshot(page, 'apply-approved-de');
}

async function accept(page) {
  await page.goto(env('LINK'));
  await german(page, 'the invitation');
  const password = env('USER_PASSWORD');
  await page.fill('#new_password', password);
  await page.fill('#confirm_password', password);
  await Promise.all([page.waitForURL(`${BASE}/portal`), page.click('main button[type=submit]')]);
  await german(page, 'portal home of the new customer');
  await Promise.all([page.waitForURL(`${BASE}/portal/users`), page.click('.main-nav a[href="/portal/users"]')]);
  await german(page, 'the customer\'s users');
  await page.fill('#name', env('COLLEAGUE_NAME'));
  await page.fill('#email', env('COLLEAGUE_EMAIL'));
  await page.selectOption('#role', { label: 'Einkauf' });
  await Promise.all([page.waitForURL(`${BASE}/portal/users`), page.click('#invite-heading ~ form button[type=submit]')]);
  await german(page, 'the customer\'s users, one invited');
  const row = squash(await page.locator('main table tbody tr', { hasText: env('COLLEAGUE_EMAIL') }).textContent());
  expect(row.includes(env('COLLEAGUE_NAME')) && row.includes('Einkauf'), `the colleague is listed as a buyer (${row})`);
  await screenshot(page, 'portal-users-de');
}

const steps = { apply, confirm, approve, accept };
await run(async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
  const page = await context.newPage();
  const step = steps[env('STEP')];
  if (!step) throw new Error(`unknown STEP ${process.env.STEP}`);
  await step(page);
  await context.close();
});
