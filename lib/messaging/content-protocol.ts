import { defineExtensionMessaging } from '@webext-core/messaging';

/**
 * The narrow protocol between the background and content scripts. Content scripts share a renderer with
 * the web page, so everything they send is untrusted: the background answers only for the sender's own tab
 * and site, never reveals mail, never creates a mailbox without a user gesture it can verify.
 */
export interface ContentProtocol {
  /**
   * background -> content: fill this address into the right-clicked / focused / detected field, or the field
   * whose in-field button was clicked (`inline`).
   */
  /** `replace`: the field may be overwritten when it holds exactly this address (one the site refused). */
  /**
   * `origin`: the origin of the document the address was made for. A frame or tab fills only while its
   * document has that origin: one that navigated since (or a stale notification's target) refuses.
   */
  fillAddress(data: {
    address: string;
    target: 'context-menu' | 'focused' | 'detected' | 'inline';
    origin: string;
    replace?: string;
  }): {
    filled: boolean;
    reason?: 'no-field' | 'not-editable' | 'user-value' | 'other-origin';
  };
  /** background -> content (refusal watch): watch the form that now holds this address for a refusal. */
  watchRefusal(data: { address: string }): { watching: boolean };
  /** background -> content: fill a verification code into the page's one-time-code field (same origin rule). */
  fillCode(data: { code: string; origin: string }): { filled: boolean };
  /**
   * content -> background (inline button): an address for this tab's site. 'site' asks which address the
   * site has (to label the button); 'use-site' is a click filling it (someone may now wait for mail);
   * 'new' is a click making one.
   */
  requestAddress(data: { mode: 'new' | 'site' | 'use-site' }): { address: string } | { error: string };
  /** content -> background (autofill): the page now says it refuses the address just filled (disposable). */
  addressRefused(data: { address: string }): void;
  /** content -> background (inline button): the person dismissed the button on this site. */
  dismissInlineButton(): void;
}

export const contentMessenger = defineExtensionMessaging<ContentProtocol>({ logger: undefined });
