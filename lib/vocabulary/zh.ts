/** Chinese (simplified and traditional). */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: ['邮箱', '电子邮件'],
  identifier: [],
  search: ['搜索'],
  confirm: [],
  signup: ['[注註][册冊]'],
  login: ['登[录入]'],
  forgot: ['忘'],
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

export const vocabulary: Vocabulary = { language: 'zh', detector, refusal, mail };
