// The story list, a story page, search and a hostile article, as a person
// sees them in headless Chromium. Run by scripts/browser-test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const parallax = process.env.PARALLAX_BIN ?? join(root, 'target/debug/parallax');
const work = mkdtempSync(join(tmpdir(), 'parallax-browser-'));
const data = join(work, 'store');
// Screenshots kept for people to look at (CI keeps target/browser-artefacts).
const artefacts = process.env.ARTEFACTS ?? join(root, 'target/browser-artefacts');
let server, browser, base;
const dialogs = [];

const HOSTILE_TITLE = 'Ski lift chief </title><script>alert("title")</script> quits';

async function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url, ms = 30000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    if (Date.now() > until) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  const hostile = {
    id: 'hostile"><img src=x onerror=alert(1)>',
    source: '<b onmouseover="alert(2)">Evil Outlet</b>',
    url: 'javascript:alert(3)',
    title: HOSTILE_TITLE,
    published: '2026-03-20T10:00:00Z',
    text: '"<script>alert(4)</script> We will reopen the lift by Christmas," said Ona Vale, the ski lift chief in Velden.\n\nThe <iframe src="https://evil.example"></iframe> resort board meets on Friday.',
  };
  writeFileSync(join(work, 'hostile.jsonl'), JSON.stringify(hostile) + '\n');
  execFileSync(parallax, ['ingest', '--data', data, join(root, 'examples'), join(work, 'hostile.jsonl')], { stdio: 'inherit' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(parallax, ['serve', '--quiet', '--data', data, '--listen', `127.0.0.1:${port}`], { stdio: 'inherit' });
  await waitFor(`${base}/api/v1/stories`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGINT');
  rmSync(work, { recursive: true, force: true });
});

async function open(path) {
  const page = await browser.newPage();
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const response = await page.goto(`${base}${path}`);
  assert.equal(response.status(), 200, path);
  return page;
}

test('the story list shows every story with its independent outlets', async () => {
  const page = await open('/');
  assert.equal(await page.locator('h1').innerText(), 'Stories');
  const items = page.locator('ol.stories > li');
  assert.equal(await items.count(), 7); // six demo stories and the hostile article's
  await page.getByRole('link', { name: 'Most outlets' }).click();
  await page.waitForURL(/order=biggest/);
  const first = await page.locator('ol.stories > li').first().innerText();
  assert.match(first, /4 independent outlets · 4 articles/);
  // Each story's spread over time and outlets, as a described picture.
  const spread = page.locator('ol.stories > li').first().getByRole('img');
  assert.match(await spread.getAttribute('aria-label'), /^4 outlets, .* drawn against the time of the stories listed$/);
  // The hostile headline is shown as the text it is.
  assert.ok((await page.locator('body').innerText()).includes(HOSTILE_TITLE));
  await page.close();
});

test('a story page lays the outlets side by side with the quote difference', async () => {
  const page = await open('/?order=biggest');
  await page.locator('ol.stories a.headline').first().click();
  await page.waitForURL(/\/stories\/story-\d+$/);
  const text = await page.locator('body').innerText();
  for (const outlet of ['Meridian Wire', 'The Harbour Herald', 'Northgate Daily', 'Eastbridge Post']) {
    assert.ok(text.includes(outlet), `${outlet} missing`);
  }
  assert.ok(text.includes('Andriy Sokolovskyy'));
  // The word that differs between two outlets' wording of one quote is marked.
  assert.ok(await page.locator('del, ins').filter({ hasText: /significant|meaningful/ }).count() > 0);
  // The page names the story by the id in its address.
  const id = page.url().split('/').pop();
  assert.ok(text.includes(id.toUpperCase()) || text.includes(id), `${id} not shown`);
  // Its coverage drawn, with words for those who do not see the picture.
  const timeline = page.getByRole('img', { name: /^Timeline of the coverage\. First report .* by / });
  assert.equal(await timeline.count(), 1);
  assert.ok(await timeline.isVisible());
  const chart = page.getByRole('table', { name: 'What each article carries' });
  assert.equal(await chart.locator('tbody tr').count(), 4);
  // Kept as a CI artefact: what a reader sees.
  mkdirSync(artefacts, { recursive: true });
  await page.screenshot({ path: join(artefacts, 'story-page.png'), fullPage: true });
  // A story named by number, as older links do, lands on the same page.
  const number = id.replace('story-', '');
  const again = await page.goto(`${base}/stories/${number}`);
  assert.equal(again.status(), 200);
  assert.equal(page.url(), `${base}/stories/${id}`);
  // Home is one click away.
  await page.getByRole('link', { name: 'Parallax' }).click();
  await page.waitForURL(`${base}/`);
  await page.close();
});

test('search finds a quote by any outlet\'s wording, with its speaker', async () => {
  const page = await open('/');
  await page.getByRole('searchbox').fill('meaningful phone call');
  await page.getByRole('searchbox').press('Enter');
  await page.waitForURL(/\/search\?q=/);
  const quotes = page.locator('ul.hits').first();
  assert.ok((await quotes.innerText()).includes('Andriy Sokolovskyy'));
  assert.ok(await quotes.locator('mark').count() >= 1);
  await page.close();
});

test('search knows names in every spelling and quotes by their speaker', async () => {
  const page = await open('/search?q=Kiev');
  const articles = page.locator('ul.hits').last();
  // Found by the other spelling: an article that writes Kyiv.
  assert.ok(await articles.locator('mark', { hasText: /^Kyiv$/ }).count() >= 1, 'Kyiv not found by Kiev');
  await page.goto(`${base}/search?q=Andriy%20Sokolovskyy`);
  const quotes = page.locator('ul.hits').first();
  assert.ok(await quotes.locator('li').count() >= 1);
  assert.ok((await quotes.innerText()).includes('Andriy Sokolovskyy'));
  // A story page's own search box searches within that story.
  await page.goto(`${base}/?order=biggest`);
  await page.locator('ol.stories a.headline').first().click();
  await page.waitForURL(/\/stories\/story-\d+$/);
  const id = page.url().split('/').pop();
  const box = page.getByRole('searchbox', { name: "Search this story's articles, quotes and names" });
  await box.fill('call');
  await box.press('Enter');
  await page.waitForURL(/\/search\?story=/);
  assert.equal(await page.locator('h1').innerText(), `Search: call in ${id}`);
  await page.close();
});

test('a missing story is a page that says so', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${base}/stories/story-9999`);
  assert.equal(response.status(), 404);
  assert.equal(await page.locator('h1').innerText(), 'Not Found');
  assert.ok((await page.locator('main').innerText()).includes('story-9999 not found'));
  await page.close();
});

test('nothing from a hostile article runs or loads', async () => {
  const page = await open('/search?q=ski%20lift%20chief');
  await page.locator('ul.hits a').filter({ hasText: 'Ski lift chief' }).first().click();
  await page.waitForURL(/\/articles\//);
  const text = await page.locator('body').innerText();
  assert.ok(text.includes('<script>alert(4)</script>'), 'shown as text');
  assert.ok(text.includes('javascript:alert(3)'), 'the URL is shown, not linked');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  assert.equal(await page.locator('script, iframe, img').count(), 0);
  // Its story page too.
  await page.locator('a', { hasText: /^story-\d+$/ }).click();
  await page.waitForURL(/\/stories\/story-\d+$/);
  assert.ok((await page.locator('body').innerText()).includes('Ona Vale'));
  assert.equal(await page.locator('script, iframe, img').count(), 0);
  await page.close();
  assert.deepEqual(dialogs, [], 'no alert ever fired');
});
