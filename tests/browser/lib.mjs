// Shared by the browser scripts: launch Debian's Chromium, run axe-core on a page, fail loudly.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
export const BASE = process.env.BASE_URL;
export const OUT = process.env.OUT_DIR || '.';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

/// Fails on any serious or critical axe-core violation; returns the count of lesser ones.
export async function checkAccessibility(page, label) {
  await page.waitForLoadState('load');
  // Evaluated over the DevTools protocol, not as a <script> tag: the page's CSP (rightly)
  // refuses inline script, and the check must not need the policy weakened.
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations) {
    console.log(`  axe ${label}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
  }
  if (bad.length) {
    throw new Error(`${label}: ${bad.length} serious/critical accessibility violations: ` +
      bad.map(v => `${v.id} -> ${v.nodes.map(n => n.target.join(' ')).join(', ')}`).join('; '));
  }
  console.log(`ok axe ${label}: no serious or critical violations`);
}

/// The page fits a phone: nothing wider than the viewport.
export async function checkFitsWidth(page, label) {
  // A click resolves when navigation commits; the stylesheet may still be on its way.
  await page.waitForLoadState('load');
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  if (scroll > inner + 1) {
    // Name the deepest elements that stick out, to make the fix obvious.
    const culprits = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.children.length === 0)
      .slice(0, 5)
      .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}` +
        ` "${(e.textContent || '').trim().slice(0, 30)}" right=${Math.round(e.getBoundingClientRect().right)}`));
    const chain = await page.evaluate(() => {
      let e = [...document.querySelectorAll('body *')].find(x => x.getBoundingClientRect().right > window.innerWidth + 1 && x.children.length === 0);
      const out = [];
      while (e && e !== document.body) { out.push(`${e.tagName.toLowerCase()}.${String(e.className).split(' ').join('.')}:${Math.round(e.getBoundingClientRect().width)}:${getComputedStyle(e).display}:${getComputedStyle(e).position}`); e = e.parentElement; }
      return out.join(' < ');
    });
    throw new Error(`${label}: ${scroll}px wide content in a ${inner}px viewport; sticking out: ${culprits.join('; ')}; inside ${chain}`);
  }
  console.log(`ok ${label}: fits ${inner}px`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

export function expect(cond, message) {
  if (!cond) throw new Error(message);
  console.log(`ok ${message}`);
}

/// Runs `body(browser)` and exits non-zero with the error if anything throws.
export async function run(body) {
  const browser = await launch();
  try {
    await body(browser);
  } catch (e) {
    console.error(`FAILED: ${e.stack || e}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

/// The environment variable `name`, which the Rust test must have set.
export const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

/// Text with its runs of white space made one space, trimmed.
export const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();

/// The page is German (<html lang="de">) and passes axe-core.
export async function german(page, what) {
  const lang = await page.getAttribute('html', 'lang');
  expect(lang === 'de', `${what} is German (lang=${lang})`);
  await checkAccessibility(page, what);
}
