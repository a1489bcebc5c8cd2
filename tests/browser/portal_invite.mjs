// A portal invitation in a real browser, in two runs so that the Rust test can read the email
// in between:
//   STEP=invite: staff sign in, open the customer's "Portal users" tab, invite a person by name
//     and email, and see them listed as invited. Needs EMAIL, PASSWORD, CUSTOMER_ID, USER_NAME,
//     USER_EMAIL.
//   STEP=accept: the person opens the emailed LINK, chooses a password, lands signed in on the
//     portal home, sees their products at their price (PRODUCT, PRICE, LIST_PRICE), walks every
//     portal page, signs out and signs in again with the new password. Needs LINK, USER_NAME,
//     USER_EMAIL, USER_PASSWORD, PRODUCT, PRICE, LIST_PRICE.
// Every page visited passes axe-core; the products page is screenshotted.
import { BASE, run, checkAccessibility, screenshot, expect, env, squash } from './lib.mjs';

async function invite(page) {
  const id = env('CUSTOMER_ID');
  await page.goto(`${BASE}/login`);
  await page.fill('#email', env('EMAIL'));
  await page.fill('#password', env('PASSWORD'));
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('main button[type=submit]')]);

  await page.goto(`${BASE}/customers/${id}/users`);
  await checkAccessibility(page, 'portal users tab (none yet)');
  expect((await page.textContent('#users-heading ~ .empty')).includes('No portal users'), 'no portal users yet');
  await page.fill('#name', env('USER_NAME'));
  await page.fill('#email', env('USER_EMAIL'));
  await Promise.all([page.waitForURL(`${BASE}/customers/${id}/users`), page.click('text=Send the invitation')]);
  await checkAccessibility(page, 'portal users tab (one invited)');
  const rows = await page.$$eval('table.users tbody tr', trs => trs.map(tr => ({
    name: tr.querySelector('td[data-label=Name]').textContent.trim(),
    email: tr.querySelector('td[data-label=Email]').textContent.trim(),
    status: tr.querySelector('td[data-label=Status] .badge').textContent.trim(),
  })));
  expect(rows.length === 1 && rows[0].name === env('USER_NAME') && rows[0].email === env('USER_EMAIL'),
    `the invited person is listed (${JSON.stringify(rows)})`);
  expect(rows[0].status === 'Invited', `their status is "Invited" (${rows[0].status})`);
}

async function accept(page) {
  const password = env('USER_PASSWORD');
  await page.goto(env('LINK'));
  await checkAccessibility(page, 'portal set-password page');
  expect((await page.textContent('main h1')).trim() === 'Choose your password', 'the link asks for a password');
  await page.fill('#new_password', password);
  await page.fill('#confirm_password', password);
  await Promise.all([page.waitForURL(`${BASE}/portal`), page.click('main button[type=submit]')]);
  expect((await page.textContent('main h1')).trim() === `Welcome, ${env('USER_NAME')}`, 'signed in, the portal home greets the person');
  await checkAccessibility(page, 'portal home');

  await Promise.all([page.waitForURL(`${BASE}/portal/products`), page.click('.main-nav a[href="/portal/products"]')]);
  await checkAccessibility(page, 'portal products');
  const products = await page.$$eval('table.products tbody tr', trs => trs.map(tr => ({
    product: tr.querySelector('td[data-label=Product] a').textContent.trim(),
    list: tr.querySelector("td[data-label='List price']").textContent.trim(),
    yours: tr.querySelector("td[data-label='Your price']").textContent.trim(),
  })));
  const row = products.find(p => p.product === env('PRODUCT'));
  expect(row, `the customer's product ${env('PRODUCT')} is listed (${JSON.stringify(products)})`);
  expect(row.list === env('LIST_PRICE'), `its list price is ${env('LIST_PRICE')} (${row.list})`);
  expect(row.yours === env('PRICE'), `its "your price" is ${env('PRICE')} (${row.yours})`);
  await screenshot(page, 'portal-products');

  for (const [path, label] of [
    ['/portal/orders', 'portal orders'],
    ['/portal/ship-to', 'portal ship-to locations'],
    ['/portal/requests', 'portal requests'],
    ['/portal/account', 'portal account'],
  ]) {
    await Promise.all([page.waitForURL(`${BASE}${path}`), page.click(`.site-header a[href="${path}"]`)]);
    await checkAccessibility(page, label);
  }
  expect(squash(await page.textContent('.account-email')) === env('USER_EMAIL'), 'the account page shows the email address');

  // Sign out; the portal's sign-in page takes the new password.
  await Promise.all([page.waitForURL(/\/portal\/login/), page.click('text=Sign out')]);
  await checkAccessibility(page, 'portal sign-in');
  await page.fill('#email', env('USER_EMAIL'));
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${BASE}/portal`), page.click('main button[type=submit]')]);
  expect((await page.textContent('main h1')).trim() === `Welcome, ${env('USER_NAME')}`, 'the chosen password signs in');
}

await run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('console', m => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  const step = env('STEP');
  if (step === 'invite') await invite(page);
  else if (step === 'accept') await accept(page);
  else throw new Error(`unknown STEP ${step}`);
  expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
});
