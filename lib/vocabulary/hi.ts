/** Hindi. Empty for now: the words come with the Hindi fixtures (issue 12). */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: [],
  identifier: [],
  search: [],
  confirm: [],
  signup: [],
  login: [],
  forgot: [],
  remember: [],
  terms: [],
  newsletter: [],
  checkout: [],
  haveAccount: [],
  noAccount: [],
  passwordRule: [],
  newPassword: [],
  aboutEmail: [],
  contact: [],
  socialWith: [],
  or: [],
  nameField: [],
  phoneField: [],
  lookup: [],
};

export const refusal: RefusalWords = {
  disposableAddress: [],
};

export const mail: MailWords = {
  codeLabels: [],
  codeWords: [],
  genericLabels: [],
  confirmationLabels: [],
  purposes: [],
  handoverBefore: [],
  handoverAfter: [],
  copulas: [],
  possessives: [],
  decoyWords: [],
  decoyStems: [],
  months: [],
  currencyAfter: [],
  currencyBefore: [],
  transactionThemes: [],
  linkVerify: [],
  linkSignIn: [],
  magicLinkContext: [],
  linkNegative: [],
  genericAnchors: [],
};

export const vocabulary: Vocabulary = { language: 'hi', detector, refusal, mail };
