// End-to-end tests of words the page shows: default task names in the reader's language with a
// link that stays the same in both, and the notice that names invalid or out-of-range values.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, until } from './harness.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app.close();
});

const nameOf = (page, i) => page.locator(`[data-testid="mix-name-${i}"]`).inputValue();

test('default task names are shown in Chinese, the link keeps them as they are, typed names stay typed', async () => {
  const { page } = app;
  await app.open('view=data&lang=zh');
  await page.locator('[data-testid="mix-name-2"]').waitFor();
  assert.deepEqual([await nameOf(page, 0), await nameOf(page, 1), await nameOf(page, 2)], ['分类', '抽取', '生成']);
  // The link holds the language-independent names, whatever the language shown.
  const tasks = () => new URL(page.url()).searchParams.get('tasks');
  assert.equal(await until(() => tasks() === 'classify:24000,extract:3000,generate:250'), true, `tasks=${tasks()}`);
  // A worked example's names too; the link holds the language-independent names.
  await page.locator('[data-testid="mix-example-0"]').click();
  assert.equal(await until(() => nameOf(page, 0).then((v) => v === '分诊问答')), true);
  assert.match(new URL(page.url()).searchParams.get('tasks'), /^triage_qa:6000,/);
  // Back to the defaults; the same link in English shows the English names.
  await app.open('view=data&lang=zh');
  await page.locator('[data-testid="mix-name-0"]').waitFor();
  await page.locator('[data-testid="lang-en"]').click();
  assert.equal(await until(() => nameOf(page, 0).then((v) => v === 'classify')), true);
  await page.locator('[data-testid="lang-zh"]').click();
  assert.equal(await until(() => nameOf(page, 0).then((v) => v === '分类')), true);
  // A typed name is kept as typed, in the field and in the link.
  await page.locator('[data-testid="mix-name-0"]').fill('情感分析');
  assert.equal(await until(() => (new URL(page.url()).searchParams.get('tasks') ?? '').startsWith('情感分析:24000,')), true);
  assert.equal(await nameOf(page, 0), '情感分析');
  assert.deepEqual(app.problems(), []);
});

test('the notice names out-of-range values as key=value, in both languages', async () => {
  const { page } = app;
  await app.open('view=steps&n=0&lr=-1&lang=zh');
  const notice = page.locator('[data-testid="notice-bad-params"]');
  await notice.waitFor();
  const code = await notice.locator('code').textContent();
  assert.match(code, /(^|, )n=0(,|$)/);
  assert.match(code, /(^|, )lr=-1(,|$)/);
  assert.match(await notice.innerText(), /无效或超出范围/);
  await app.open('view=steps&n=0&lang=en');
  await notice.waitFor();
  assert.match(await notice.innerText(), /invalid or out of range/);
  assert.match(await notice.locator('code').textContent(), /\bn=0\b/);
  assert.deepEqual(app.problems(), []);
});
