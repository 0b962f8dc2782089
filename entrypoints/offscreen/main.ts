import { browser } from 'wxt/browser';
import type { OffscreenCopyRequest } from '../../lib/background/clipboard';

// Offscreen documents are never focused, so navigator.clipboard refuses; execCommand('copy') on a
// textarea still works there (the documented pattern for the CLIPBOARD reason).
browser.runtime.onMessage.addListener((msg: unknown) => {
  const req = msg as Partial<OffscreenCopyRequest>;
  if (req?.target !== 'mayfly-offscreen' || req.type !== 'copy' || typeof req.text !== 'string')
    return undefined;
  const area = document.getElementById('buffer') as HTMLTextAreaElement;
  area.value = req.text;
  area.select();
  document.execCommand('copy');
  area.value = '';
  return Promise.resolve(true);
});
