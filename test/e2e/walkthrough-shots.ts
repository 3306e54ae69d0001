// The pictures of the Get Started walkthrough (media/walkthrough/*.png) are screenshots taken by
// this suite, cropped to what the step talks about, so they always show the product as it is. They
// are rewritten only on request, then reviewed and committed like any other change:
//   SCHEMAWISE_WALKTHROUGH_SHOTS=1 npx mocha test/e2e/code-server.test.ts
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { ROOT } from '../helpers/code-server';

export const WALKTHROUGH_MEDIA = path.join(ROOT, 'media/walkthrough');

export const walkthroughShotsRequested = () => process.env.SCHEMAWISE_WALKTHROUGH_SHOTS === '1';

/** Saves media/walkthrough/<name>.png: `crop.width` × `crop.height` pixels of `target`, `crop.top` pixels down (when requested). */
export async function walkthroughShot(name: string, target: Locator, crop: { top?: number; width?: number; height?: number } = {}): Promise<void> {
  if (!walkthroughShotsRequested()) return;
  const box = await target.boundingBox();
  if (!box) throw new Error(`walkthrough shot ${name}: the target is not visible`);
  await target.page().screenshot({
    path: path.join(WALKTHROUGH_MEDIA, `${name}.png`),
    clip: { x: box.x, y: box.y + (crop.top ?? 0), width: Math.min(box.width, crop.width ?? Infinity), height: Math.min(box.height - (crop.top ?? 0), crop.height ?? 420) },
    animations: 'disabled',
    caret: 'hide',
  });
}
