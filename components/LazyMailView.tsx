import { lazyComponent } from './lazy';

/** MailView with its sanitizer (DOMPurify), run when a message is first opened (see ./lazy). */
export const LazyMailView = lazyComponent(() => import('./MailView').then((m) => m.MailView));
