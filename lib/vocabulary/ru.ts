/** Russian. */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: ['почт', 'электронн'],
  identifier: ['логин', 'телефон'],
  search: ['поиск'],
  confirm: [],
  signup: ['регистрац', 'зарегистр', 'создать'],
  login: ['войти', 'вход'],
  forgot: ['забыли'],
  remember: ['запомнить'],
  terms: ['соглас'],
  newsletter: ['рассылк', 'подпис'],
  checkout: ['оплат', 'доставк'],
  haveAccount: ['уже есть аккаунт', 'уже зарегистр'],
  noAccount: ['нет аккаунта'],
  passwordRule: [],
  newPassword: ['нов', 'придумай', 'повтор'],
  aboutEmail: [],
  contact: ['обратн'],
  socialWith: [],
  or: [' или '],
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

export const vocabulary: Vocabulary = { language: 'ru', detector, refusal, mail };
