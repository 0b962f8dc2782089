/**
 * The storage.local keys extension pages read, apart from the item definitions in ./items.ts and
 * ./mail-store.ts. Defining a WXT item reads its key at once (to support `init`), so a page that imports
 * those modules pays one storage read per item defined before it reads anything it shows; pages import
 * these names instead and read through lib/ui/models/storage-view.ts.
 */
export const STORAGE_KEYS = {
  settings: 'local:settings',
  mailboxes: 'local:mailboxes',
  activeMailbox: 'local:activeMailbox',
  pollState: 'local:pollState',
  quota: 'local:quota',
  accountState: 'local:accountState',
  mailCounts: 'local:mailCounts',
  pause: 'local:pause',
  siteMemory: 'local:siteMemory',
  expiryWarned: 'local:expiryWarned',
} as const;

/** What the popup's first paint reads (the site memory waits until after it). */
export const FIRST_PAINT_KEYS = [
  STORAGE_KEYS.settings,
  STORAGE_KEYS.mailboxes,
  STORAGE_KEYS.activeMailbox,
  STORAGE_KEYS.pollState,
  STORAGE_KEYS.quota,
  STORAGE_KEYS.accountState,
  STORAGE_KEYS.mailCounts,
  STORAGE_KEYS.pause,
];

export type InboxKey = `local:inbox:${string}`;
export const inboxKey = (mailboxId: string): InboxKey => `local:inbox:${mailboxId}`;
