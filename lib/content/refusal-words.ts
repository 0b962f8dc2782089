/**
 * A site's refusal of disposable addresses, in every language of lib/vocabulary: the pattern the refusal watch
 * (refusal.ts) tests. Like detector-vocabulary.ts it is replaced by its literal at build time
 * (build/vocabulary-literals.ts), so the content scripts carry the pattern, not the word lists.
 */
import { alternation } from '../vocabulary';

export const REFUSAL_WORDS = new RegExp(alternation('refusal', 'disposableAddress'), 'i');
