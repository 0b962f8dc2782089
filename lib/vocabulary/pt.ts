/** Portuguese (Brazil and Portugal). */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: [],
  identifier: [],
  search: [],
  confirm: [],
  signup: ['criar conta', 'cadastr'],
  login: ['entrar'],
  forgot: ['esquec'],
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
  codeLabels: [
    String.raw`c[óo]digo\s+(?:de\s+)?(?:verificação|confirmação|segurança|acesso|ativação|uso\s+único)`,
    String.raw`seu\s+c[óo]digo`,
  ],
  codeWords: ['c[óo]digo'],
  genericLabels: [String.raw`^seu\s`],
  confirmationLabels: ['confirmação'],
  purposes: [],
  handoverBefore: [],
  handoverAfter: [],
  copulas: ['é'],
  possessives: [],
  decoyWords: [],
  decoyStems: [],
  months: [],
  currencyAfter: [],
  currencyBefore: [],
  transactionThemes: [],
  linkVerify: ['ativar'],
  linkSignIn: [],
  magicLinkContext: [],
  linkNegative: [],
  genericAnchors: [],
};

export const vocabulary: Vocabulary = { language: 'pt', detector, refusal, mail };
