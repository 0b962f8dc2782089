import { lazyComponent } from './lazy';

/** The QR dialog with its library, loaded when the person first asks for a mailbox's code. */
export const LazyMailboxQrDialog = lazyComponent(() =>
  import('./MailboxQrDialog').then((m) => m.MailboxQrDialog),
);
