/** Korean. */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: ['이메일'],
  identifier: [],
  search: [],
  confirm: [],
  signup: ['가입'],
  login: ['로그인'],
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

export const vocabulary: Vocabulary = { language: 'ko', detector, refusal, mail };
