// SPDX-License-Identifier: EPL-2.0
// Drives the standalone runtime's web console in headless Chromium (Debian's /usr/bin/chromium) the way an
// operator would: log in with HTTP basic auth, open every akenza component's configuration form, change one
// broker value and save it. Prints one 'PASS <name>' or 'FAIL <name>: <why>' line per step for the harness.
//
// Environment: CONSOLE_URL (http://127.0.0.1:28080), CONSOLE_USER, CONSOLE_PASSWORD, SCREENSHOT_DIR,
// PROFILE_DIR (fresh Chromium user data dir), BROKER_PROPERTY (max.connections), BROKER_VALUE (new value).
import { chromium } from 'playwright-core';

const base = process.env.CONSOLE_URL ?? 'http://127.0.0.1:28080';
const shots = process.env.SCREENSHOT_DIR ?? '.';
const property = process.env.BROKER_PROPERTY ?? 'max.connections';
const value = process.env.BROKER_VALUE ?? '3';
const BROKER = 'akenza.edge.broker.MqttBroker';
// Each component and one property its form must show (from its metatype).
const FORMS = [
  [BROKER, 'tcp.port'],
  ['akenza.edge.credentials.DeviceCredentials', 'jwt.keys.dir'],
  ['akenza.edge.topics.TopicPolicy', 'default.topic'],
  ['akenza.edge.uplink.Forwarder', 'connector.id'],
];

let failures = 0;
function report(ok, name, why) {
  if (ok) console.log(`PASS ${name}`);
  else { failures++; console.log(`FAIL ${name}: ${why}`); }
}

// The configuration editor is a jQuery UI dialog holding form#editorForm with one field per attribute.
async function openForm(page, pid) {
  const response = await page.goto(`${base}/system/console/configMgr/${pid}`, { waitUntil: 'load' });
  if (!response || response.status() !== 200) {
    throw new Error(`HTTP ${response ? response.status() : 'no response'}`);
  }
  const form = page.locator('#editor form#editorForm');
  await form.waitFor({ state: 'visible', timeout: 15000 });
  // Without the component's metatype the console falls back to a generic form built from the raw properties.
  if (await page.getByText('no property descriptors are available').count() > 0) {
    throw new Error('generic form: the console found no metatype for this PID');
  }
  return form;
}

const context = await chromium.launchPersistentContext(process.env.PROFILE_DIR, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  httpCredentials: { username: process.env.CONSOLE_USER, password: process.env.CONSOLE_PASSWORD },
  viewport: { width: 1400, height: 1000 },
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(15000);

  // Log in: the bundle list answers only with the right basic-auth credentials.
  try {
    const response = await page.goto(`${base}/system/console/bundles`, { waitUntil: 'load' });
    const status = response ? response.status() : 0;
    const body = await page.content();
    report(status === 200 && body.includes('akenza.edge.broker'), 'console login (HTTP basic auth) shows the bundles',
      `HTTP ${status}`);
  } catch (e) {
    report(false, 'console login (HTTP basic auth) shows the bundles', e.message);
  }

  for (const [pid, field] of FORMS) {
    const name = `console form ${pid} opens with field ${field}`;
    try {
      const form = await openForm(page, pid);
      const count = await form.locator(`[name="${field}"]`).count();
      await page.screenshot({ path: `${shots}/console-${pid}.png` });
      report(count > 0, name, `no field named ${field} in the form`);
    } catch (e) {
      report(false, name, e.message.split('\n')[0]);
    }
  }

  // Change the broker value and save through the dialog's Save button, as a user does.
  const saveName = `console saves ${property}=${value} for ${BROKER}`;
  try {
    const form = await openForm(page, BROKER);
    await form.locator(`[name="${property}"]`).fill(value);
    const posted = page.waitForResponse((r) => r.request().method() === 'POST'
      && r.url().endsWith(`/configMgr/${BROKER}`), { timeout: 15000 });
    await page.locator('.ui-dialog-buttonpane button', { hasText: 'Save' }).click();
    const response = await posted;
    await page.waitForLoadState('load');
    // Reopen: the form must now show the saved value (read back from ConfigAdmin).
    const again = await openForm(page, BROKER);
    const shown = await again.locator(`[name="${property}"]`).inputValue();
    await page.screenshot({ path: `${shots}/console-broker-saved.png`, fullPage: true });
    report(response.status() < 400 && shown === value, saveName,
      `POST answered ${response.status()}, form shows ${property}=${shown}`);
  } catch (e) {
    await page.screenshot({ path: `${shots}/console-broker-saved.png`, fullPage: true }).catch(() => {});
    report(false, saveName, e.message.split('\n')[0]);
  }
} finally {
  await context.close();
}
process.exit(failures === 0 ? 0 : 1);
