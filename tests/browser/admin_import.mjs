// The import page in a real browser: choosing files and uploading them, the run's page following
// the import to its result (through static/app.js, without reloading), a wrongly named file
// explained beside the field; every state passes axe-core, and the pages fit a 375 px phone.
import path from 'node:path';
import { BASE, run, checkAccessibility, checkFitsWidth, screenshot, expect } from './lib.mjs';

const DATA = process.env.DATA_DIR;

await run(async (browser) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('console', m => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${BASE}/login`);
  await page.fill('#email', process.env.EMAIL);
  await page.fill('#password', process.env.PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('main button[type=submit]')]);

  // From the administration navigation.
  await page.goto(`${BASE}/admin/staff`);
  await Promise.all([page.waitForURL(`${BASE}/admin/import`), page.click('nav[aria-label=Administration] >> text=Import')]);
  expect((await page.textContent('main h1')).trim() === 'Import', 'the navigation leads to the import page');
  await checkAccessibility(page, 'import page');
  await screenshot(page, 'import');

  // A wrongly named file is explained beside the field.
  await page.setInputFiles('#files', [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\n') }]);
  await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
  const message = await page.textContent('#files-error');
  expect(message.includes('“notes.txt” is not a file of the import format'), 'a wrongly named file is explained');
  expect((await page.getAttribute('#files', 'aria-invalid')) === 'true', 'the file field is marked invalid');
  await checkAccessibility(page, 'import page with an error');
  await screenshot(page, 'import-error');

  // The three files, from the keyboard: focus the field's button, then choose.
  await page.setInputFiles('#files', ['customers.csv', 'addresses.csv', 'orders.csv'].map(f => path.join(DATA, f)));
  await page.focus('main form button[type=submit]');
  await Promise.all([page.waitForURL(/\/admin\/import\/\d+$/), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  await page.evaluate(() => { window.__notReloaded = true; });
  const followed = (await page.$('[data-import-poll]')) !== null;
  if (followed) {
    expect((await page.textContent('#import-badge')).trim() === 'Running', 'the run page opens while the import runs');
    await checkAccessibility(page, 'running import');
    await screenshot(page, 'import-running');
    await page.waitForSelector('#import-run[data-import-finished]', { timeout: 120000 });
    expect(await page.evaluate(() => window.__notReloaded === true), 'the page followed the run without reloading');
  } else {
    console.log('  (the import had finished before its page loaded: nothing to follow)');
  }
  expect((await page.textContent('#import-badge')).trim() === 'Succeeded', 'the import succeeded');
  const summary = (await page.textContent('#import-summary')).trim();
  expect(summary.startsWith('3 files imported:'), `the summary says so: ${summary}`);
  expect((await page.getAttribute('#import-progress', 'value')) === '3', 'the progress bar is full');
  const states = await page.$$eval('table.import-files td[data-label=Result]', tds => tds.map(t => t.textContent.trim()));
  expect(states.join('|') === 'Imported|Imported|Imported', `every file is imported (${states.join(', ')})`);
  const inserted = await page.textContent('tr[data-file="customers.csv"] td[data-label=Inserted]');
  expect(inserted.trim() === process.env.CUSTOMERS, `the customers inserted are counted (${inserted.trim()})`);
  expect((await page.$$('#import-log li')).length >= 9, 'the progress lines are listed');
  await checkAccessibility(page, 'finished import');
  await screenshot(page, 'import-finished');

  // A phone.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await checkFitsWidth(page, 'finished import on a phone');
  await screenshot(page, 'import-finished-phone');
  await page.goto(`${BASE}/admin/import`);
  await checkFitsWidth(page, 'import page on a phone');
  expect((await page.$$('.import-runs tbody tr')).length === 1, 'the run is listed');
  await screenshot(page, 'import-phone');

  expect(errors.length === 0, `no console errors (${errors.join(' | ')})`);
});
