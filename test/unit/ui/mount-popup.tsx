import { render } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import { PopupApp } from '../../../components/PopupApp';
import type { ProviderId } from '../../../lib/core/types';
import type { ProviderCapabilities } from '../../../lib/providers/types';
import { createClipboardModel } from '../../../lib/ui/models/clipboard-model';
import { createMailboxFormModel } from '../../../lib/ui/models/mailbox-form-model';
import { createPageFillModel } from '../../../lib/ui/models/page-fill-model';
import { popupStorageItems } from '../../../lib/ui/models/popup-items';
import { createPopupModel } from '../../../lib/ui/models/popup-model';
import { createReaderModel } from '../../../lib/ui/models/reader-model';
import { createSiteButtonModel } from '../../../lib/ui/models/site-button-model';
import { capabilitiesOf, fakeSend } from './fixtures';

/**
 * The popup as popup/main.tsx wires it, over fakeBrowser storage and a fake background, rendered into `root`:
 * the real models and components, with the clipboard, the open tab and permissions given.
 */
export async function mountPopup(
  root: HTMLElement,
  options: {
    caps: Partial<Record<ProviderId, ProviderCapabilities>>;
    fake?: ReturnType<typeof fakeSend>;
    activeTabUrl?: string;
    clock: () => number;
    /** Look up the open tab before the first render (the real popup does it after its first paint). */
    loadSiteFirst: boolean;
  },
) {
  const fake = options.fake ?? fakeSend();
  const popup = createPopupModel({
    items: popupStorageItems,
    send: fake.send,
    capabilitiesOf: capabilitiesOf(options.caps),
    clock: options.clock,
  });
  await popup.load();
  const writeText = vi.fn(async (_text: string) => undefined);
  const props = {
    popup,
    reader: createReaderModel({ send: fake.send, messages: popup.messages }),
    clipboard: createClipboardModel({ writeText }),
    fill: createPageFillModel({ send: fake.send }),
    siteButton: createSiteButtonModel({
      settings: popup.settings,
      send: fake.send,
      activeTabUrl: async () => options.activeTabUrl,
      permissions: { request: async () => true, remove: async () => true, contains: async () => false },
    }),
    createForm: createMailboxFormModel({
      send: fake.send,
      provider: popup.createProvider,
      capabilities: popup.createCapabilities,
      purpose: 'create',
    }),
    renameForm: createMailboxFormModel({
      send: fake.send,
      provider: popup.provider,
      capabilities: popup.capabilities,
      purpose: 'rename',
    }),
    lang: 'en',
    onOpenOptions: vi.fn(),
  };
  if (options.loadSiteFirst) await props.siteButton.load();
  await act(() => render(<PopupApp {...props} />, root));
  return { ...props, fake, writeText };
}
