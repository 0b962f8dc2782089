import { lazyComponent } from './lazy';

/** The QR dialog with its library, run when the person first asks for a mailbox's code (see ./lazy). */
export const LazyMailboxQrDialog = lazyComponent(() =>
  import('./MailboxQrDialog').then((m) => m.MailboxQrDialog),
);
