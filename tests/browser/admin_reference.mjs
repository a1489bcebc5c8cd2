// Reference data administration: every list and every new-form passes axe-core, a store form
// sent empty shows its message beside the field, and the stores list fits a phone.
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect } from './lib.mjs';

const KINDS = [
  ['stores', 'Stores'],
  ['price-lists', 'Price lists'],
  ['sales-channels', 'Sales channels'],
  ['customer-groups', 'Customer groups'],
  ['payment-terms', 'Payment terms'],
  ['tags', 'Tags'],
];

await run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('console', m => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });

  await page.goto(`${BASE}/login`);
  await page.fill('#email', process.env.EMAIL);
  await page.fill('#password', process.env.PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('main button[type=submit]')]);

  for (const [path, title] of KINDS) {
    await page.goto(`${BASE}/admin/${path}`);
    expect((await page.textContent('main h1')).trim() === title, `the ${path} list is headed ${title}`);
    const current = await page.getAttribute('nav[aria-label=Administration] a[aria-current=page]', 'href');
    expect(current === `/admin/${path}`, `the administration navigation marks ${title}`);
    await checkAccessibility(page, `${path} list`);
    if (path === 'sales-channels') await screenshot(page, 'sales-channels');

    await page.goto(`${BASE}/admin/${path}/new`);
    await checkAccessibility(page, `new ${path} form`);
  }

  // An empty store form comes back with the message beside the code field.
  await page.goto(`${BASE}/admin/stores/new`);
  await page.fill('#code', '');
  await page.fill('#name', '');
  await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
  const codeError = await page.textContent('#code-error');
  expect(codeError.includes('Enter a code'), 'an empty store code is explained beside the field');
  expect((await page.getAttribute('#code', 'aria-invalid')) === 'true', 'the code field is marked invalid');
  expect((await page.getAttribute('#code', 'aria-describedby')).split(' ').includes('code-error'),
    'the code field is described by its message');
  const besideField = await page.evaluate(() => {
    const input = document.getElementById('code');
    const error = document.getElementById('code-error');
    const a = input.getBoundingClientRect();
    const b = error.getBoundingClientRect();
    return input.closest('.field') === error.closest('.field') && b.top >= a.bottom && b.top - a.bottom < 80;
  });
  expect(besideField, 'the message shows just below the code field');
  await checkAccessibility(page, 'store form with errors');
  await screenshot(page, 'store-form-errors');

  // An edit form too, with its delete button.
  await page.goto(`${BASE}/admin/stores`);
  await Promise.all([page.waitForLoadState('load'), page.click('tbody tr:first-child a')]);
  expect((await page.textContent('main h1')).trim() === 'Edit store', 'the first Edit link opens the store');
  await checkAccessibility(page, 'edit store form');
  await screenshot(page, 'store-edit');

  // A phone.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${BASE}/admin/stores`);
  await checkFitsWidth(page, 'stores list on a phone');
  await screenshot(page, 'stores-phone');
  await page.goto(`${BASE}/admin/stores/new`);
  await checkFitsWidth(page, 'new store form on a phone');

  expect(errors.length === 0, `no console errors (${errors.join(' | ')})`);
});
