/**
 * Persian (Farsi). Written with the Persian letters ی and ک; sites and older systems also send the Arabic
 * ي and ك, so the mail words that carry them take both (`[یي]`, `[کك]`); the detector's words, which every
 * page's content scripts carry, take both only in "email". The zero-width non-joiner inside words
 * (ثبت‌نام، فعال‌سازی) is kept in page text and subjects but dropped from mail bodies, and people also write a
 * space or nothing there, so those joints allow a space, a ZWNJ or nothing (any one character in the
 * detector's words). Digits (۰-۹, ٠-٩) are made ASCII before mail patterns run; the detector sees them as
 * written. Persian puts the verb and the copula after the code ("کد تأیید شما ۴۸۲۹۱۶ است", "۴۸۲۹۱۶ را وارد
 * کنید") and the possessive after the noun ("کد شما").
 */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

/** Persian or Arabic yeh, kaf; an optional joint (nothing, space or ZWNJ) inside compounds; تأیید spelt any way. */
const Y = '[یي]';
const K = '[کك]';
const J = String.raw`[\s\u200c]?`;
const CONFIRM = `ت(?:[أا]|ائ)${Y}${Y}?د`;
const ONE_TIME = `${Y}${K}${J}بار${J}مصرف`;

export const detector: DetectorWords = {
  email: ['ا[یي]م[یي]ل', 'پست.?الکترون'],
  identifier: ['نام کاربر', 'موبایل', 'شماره'],
  search: [],
  confirm: ['تکرار', 'ت[أا]یید'],
  signup: ['ثبت.?نام', 'عضویت', '(?:ایجاد|ساختن?) حساب', 'حساب جدید'],
  login: ['ورود', 'وارد شو'],
  forgot: ['فراموش', 'بازیابی'],
  remember: ['خاطر بسپار'],
  terms: ['قوانین', 'شرایط'],
  newsletter: ['خبرنامه', 'مشترک'],
  checkout: ['پرداخت', 'سبد خرید'],
  haveAccount: ['حساب(?: کاربری)? دارید', 'قبلا.? ?(?:ثبت|عضو)'],
  noAccount: ['حساب(?: کاربری)? ندارید', 'عضو نیستید'],
  passwordRule: ['حداقل'],
  newPassword: ['جدید', 'تکرار'],
  aboutEmail: [],
  contact: ['تماس با', 'پیام شما'],
  socialWith: [],
  or: [' یا '],
  nameField: ['نام(?! ?کاربر)'],
  phoneField: ['تلفن', 'موبایل', 'همراه'],
  lookup: ['پیگیری', 'رهگیری'],
};

export const refusal: RefusalWords = {
  // "ایمیل موقت", "ایمیل‌های یک‌بارمصرف", "نشانی‌های موقت", "پست الکترونیکی موقت": the noun, then the word.
  disposableAddress: [String.raw`(?:ا[یي]م[یي]ل|نشانی|آدرس|دامنه|الکترونیک)\S*\s+(?:موقت|یک.?بار.?مصرف)`],
};

export const mail: MailWords = {
  codeLabels: [
    // کد + تأیید/فعال‌سازی/ورود/امنیتی/احراز هویت/یک‌بارمصرف/دسترسی, then what for and "your".
    String.raw`${K}د\s+(?:${CONFIRM}|فعال${J}ساز${Y}|ورود|امن${Y}ت${Y}|احراز\s+هو${Y}ت|${ONE_TIME}|دسترس${Y}|اعتبارسنج${Y}|تصد${Y}ق|otp)(?:\s+(?:ا${Y}م${Y}ل|حساب|ثبت${J}نام|ورود|هو${Y}ت))?(?:\s+شما)?`,
    // One-time and dynamic passwords (banks): رمز یکبار مصرف، رمز پویا، رمز عبور موقت.
    String.raw`(?:رمز|گذرواژه|${K}لمه\s+عبور)(?:\s+عبور)?\s+(?:${ONE_TIME}|پو${Y}ا|موقت)(?:\s+شما)?`,
    String.raw`${K}د(?:\s+شما|تان)`,
  ],
  codeWords: [`${K}د${Y}?`],
  genericLabels: [String.raw`^${K}د(?:\s+شما|تان)$`],
  confirmationLabels: [],
  purposes: [
    CONFIRM,
    'ورود',
    String.raw`وارد\s+(?:شو|شد)`,
    `ثبت${J}نام`,
    `فعال${J}(?:ساز|${K}ردن|شدن)`,
    String.raw`احراز\s+هو${Y}ت`,
    'اعتبارسنج',
    `تصد${Y}ق`,
    String.raw`(?:ا${Y}جاد|ساخت)(?:ن)?\s+حساب`,
  ],
  handoverBefore: [],
  // "۴۸۲۹۱۳ را (برای تأیید) وارد کنید": the object marker را, with the verb a few words on.
  handoverAfter: [String.raw`را(?=(?:\s+\S+){0,6}?\s+(?:وارد|تا${Y}پ|درج)\s+(?:${K}ن${Y}د|نما${Y}${Y}د))`],
  copulas: ['است', String.raw`عبارت\s+است\s+از`],
  possessives: [],
  decoyWords: [`مل${Y}`],
  decoyStems: [
    'سفارش',
    `فا${K}تور`,
    `صورت${J}حساب`,
    `خر${Y}د`,
    `ق${Y}مت`,
    'مبلغ',
    String.raw`جمع\s+${K}ل`,
    'مجموع',
    `تخف${Y}ف`,
    `${K}وپن`,
    `هد${Y}ه`,
    'معرف',
    'تومان',
    `ر${Y}ال`,
    'پرداخت',
    `ترا${K}نش`,
    'قبض',
    `موجود${Y}`,
    `${K}ارت`,
    'شبا',
    'تلفن',
    `موبا${Y}ل`,
    'تماس',
    `پشت${Y}بان${Y}`,
    String.raw`(?:شماره|${K}د)\s+(?:همراه|سفارش|پ${Y}گ${Y}ر${Y}|تماس|حساب|${K}ارت|مشتر${Y}|اشترا${K})`,
    `${K}الا`,
    'محصول',
    String.raw`(?:${K}د\s*)?پست${Y}`,
    `پلا${K}`,
    `خ${Y}ابان`,
    `${K}وچه`,
    `رهگ${Y}ر${Y}`,
    `پ${Y}گ${Y}ر${Y}`,
    'مرسوله',
    `تحو${Y}ل`,
    'رزرو',
    `بل${Y}[تط]`,
    'جلسه',
  ],
  months: [
    `فرورد${Y}ن`,
    `ارد${Y}بهشت`,
    'خرداد',
    'مرداد',
    `شهر${Y}ور`,
    'آبان',
    'آذر',
    'بهمن',
    'اسفند',
    `ژانو${Y}ه`,
    `فور${Y}ه`,
    'مارس',
    `آور${Y}ل`,
    'ژوئن',
    `ژوئ${Y}ه`,
    'سپتامبر',
    `ا${K}تبر`,
    'نوامبر',
    'دسامبر',
    // Short names only as whole words: تیر، مهر، دی، مه، اوت.
    String.raw`(?<!\p{L})(?:ت${Y}ر|مهر|د${Y}|مه|اوت)(?!\p{L})`,
  ],
  currencyAfter: ['تومان', `ر${Y}ال`, 'دلار', `${Y}ورو`],
  currencyBefore: [],
  transactionThemes: ['سفارش', `فا${K}تور`, `صورت${J}حساب`, 'رزرو', `بل${Y}[تط]`, 'جلسه'],
  linkVerify: [
    CONFIRM,
    `فعال${J}(?:ساز|${K}ردن)`,
    String.raw`احراز\s+هو${Y}ت`,
    'اعتبارسنج',
    String.raw`ت${K}م${Y}ل\s+ثبت${J}نام`,
  ],
  linkSignIn: [
    'ورود',
    String.raw`وارد\s+شو${Y}د`,
    String.raw`(?:بازنشان${Y}|باز${Y}اب${Y}|تغ${Y}${Y}ر)\s+(?:رمز|گذرواژه|${K}لمه)`,
  ],
  magicLinkContext: [`پ${Y}وند`, `ل${Y}ن${K}`, `د${K}مه`, `منقض${Y}`, 'اعتبار', 'معتبر'],
  linkNegative: [
    'لغو',
    'انصراف',
    'ابطال',
    `تنظ${Y}مات`,
    String.raw`حر${Y}م\s+خصوص${Y}`,
    `قوان${Y}ن`,
    `شرا${Y}ط`,
    'راهنما',
    `پشت${Y}بان${Y}`,
    'تماس',
    'مشاهده',
    'ارتقا',
    `پ${Y}شنهاد`,
    'سفارش',
    `فا${K}تور`,
    `پ${Y}گ${Y}ر${Y}`,
    `رهگ${Y}ر${Y}`,
    'گزارش',
    String.raw`من\s+نبودم`,
  ],
  genericAnchors: [
    `ا${Y}نجا`,
    String.raw`(?:رو${Y}\s+)?ا${Y}نجا\s+${K}ل${Y}${K}\s+${K}ن${Y}د`,
    String.raw`${K}ل${Y}${K}\s+${K}ن${Y}د`,
    String.raw`ا${Y}ن\s+(?:پ${Y}وند|ل${Y}ن${K})`,
  ],
};

export const vocabulary: Vocabulary = { language: 'fa', detector, refusal, mail };
