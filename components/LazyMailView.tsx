import { lazyComponent } from './lazy';

/** MailView with its sanitizer (DOMPurify), loaded when a message is first opened. */
export const LazyMailView = lazyComponent(() => import('./MailView').then((m) => m.MailView));
