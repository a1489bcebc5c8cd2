// Staff sign in through the real form; every page visited passes axe-core, works from the
// keyboard, and fits a phone.
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect } from './lib.mjs';

await run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  // CSP violations and script errors count; the 401 and 404 this script provokes do not.
  page.on('console', m => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });

  await page.goto(`${BASE}/`);
  expect(page.url().endsWith('/login'), 'an anonymous visit lands on the sign-in page');
  await checkAccessibility(page, 'sign-in page');
  await screenshot(page, 'login');

  // Keyboard: the first Tab reaches the skip link, and the form can be filled and sent by keys.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement.classList.contains('skip-link')), 'the first Tab reaches the skip link');
  await page.focus('#email');
  await page.keyboard.type(process.env.EMAIL);
  await page.keyboard.press('Tab');
  await page.keyboard.type('wrong password');
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  expect((await page.textContent('.form-problem')).includes('not right'), 'a wrong password is explained on the page');
  await checkAccessibility(page, 'sign-in page with an error');

  await page.fill('#password', process.env.PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button[type=submit]')]);
  expect((await page.textContent('main h1')).trim() === 'Dashboard', 'signed in, the dashboard shows');
  await checkAccessibility(page, 'dashboard');
  await screenshot(page, 'dashboard');

  for (const [path, label] of [['/admin/staff', 'staff accounts'], ['/account/password', 'change password'], ['/no-such-page', '404 page'], ['/api/docs', 'API reference']]) {
    await page.goto(`${BASE}${path}`);
    await checkAccessibility(page, label);
  }

  // A phone.
  await page.setViewportSize({ width: 375, height: 740 });
  for (const [path, label] of [['/', 'dashboard'], ['/admin/staff', 'staff accounts'], ['/api/docs', 'API reference']]) {
    await page.goto(`${BASE}${path}`);
    await checkFitsWidth(page, `${label} on a phone`);
  }
  await screenshot(page, 'dashboard-phone');

  // Signing out from the navigation works and the back button shows no data.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${BASE}/`);
  await Promise.all([page.waitForURL(/\/login\?signed_out=1$/), page.click('text=Sign out')]);
  expect((await page.textContent('.notice')).includes('signed out'), 'signing out says so');
  await page.goBack();
  expect(page.url().includes('/login'), 'after sign-out, going back does not show the dashboard');
  expect(errors.length === 0, `no console errors (${errors.join(' | ')})`);
});
