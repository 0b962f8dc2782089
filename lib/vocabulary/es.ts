/** Spanish. */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: ['correo'],
  identifier: ['usuario', 'teléfono'],
  search: ['busca'],
  confirm: ['repetir'],
  signup: ['crear (una |tu )?cuenta', 'regístr', 'únete'],
  login: ['iniciar? sesi', 'acc[eé]de', 'bienvenid[oa] de nuevo'],
  forgot: ['olvid'],
  remember: ['recordarme', 'mantener sesi'],
  terms: ['acepto', 'términos', 'privacidad'],
  newsletter: ['boletín', 'suscrib'],
  checkout: ['pago', 'envío', 'pedido'],
  haveAccount: ['ya tienes (una )?cuenta', 'ya estás registrado'],
  noAccount: ['no tienes (una )?cuenta'],
  passwordRule: [String.raw`al menos \d+ caracteres`],
  newPassword: ['nueva', 'elige', 'repet'],
  aboutEmail: [],
  contact: ['mensaje'],
  socialWith: ['con'],
  or: ['o'],
  nameField: ['nombre', 'apellido'],
  phoneField: ['teléfono'],
  lookup: [],
};

export const refusal: RefusalWords = {
  disposableAddress: ['desechable'],
};

export const mail: MailWords = {
  codeLabels: [
    String.raw`c[óo]digo\s+(?:de\s+)?(?:verificaci[óo]n|confirmaci[óo]n|seguridad|acceso|inicio\s+de\s+sesi[óo]n|activaci[óo]n|un\s+solo\s+uso)`,
    String.raw`(?:tu|su)\s+c[óo]digo`,
  ],
  codeWords: ['c[óo]digo'],
  genericLabels: [String.raw`^(?:tu|su)\s`],
  confirmationLabels: ['confirmaci'],
  purposes: [String.raw`iniciar\s+sesión`],
  handoverBefore: [],
  handoverAfter: [],
  copulas: ['es'],
  possessives: ['tu', 'su'],
  decoyWords: ['factura'],
  decoyStems: ['pedido', 'importe', 'precio', 'envío', 'seguimiento', 'descuento', 'cupón', 'teléfono'],
  months: [],
  currencyAfter: [],
  currencyBefore: [],
  transactionThemes: [String.raw`número\s+de\s+pedido`, 'reserva'],
  linkVerify: ['activar', String.raw`activa\s+tu`, 'validar'],
  linkSignIn: [String.raw`iniciar\s+sesión`, String.raw`restablecer\s+(?:la\s+|tu\s+)?contraseña`],
  magicLinkContext: ['caduca'],
  linkNegative: [String.raw`darse\s+de\s+baja`, 'baja', 'privacidad', 'preferencias'],
  genericAnchors: [],
};

export const vocabulary: Vocabulary = { language: 'es', detector, refusal, mail };
