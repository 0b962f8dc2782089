/** Arabic. Nouns take the prefixes و/ب/ل (and, with, for) and the article ال; patterns allow for them. */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: ['بريد'],
  identifier: ['لهاتف', 'اسم المستخدم'],
  search: ['بحث'],
  confirm: ['تأكيد'],
  signup: ['[إا]نشاء حساب', 'حساب جديد', 'سجل الآن', 'التسجيل', 'اشتراك'],
  login: ['دخول', 'بعودتك'],
  forgot: ['نسيت'],
  remember: ['تذكرني'],
  terms: ['الشروط', 'الخصوصية'],
  newsletter: ['النشرة', 'اشترك'],
  checkout: ['الدفع', 'الشحن'],
  haveAccount: ['لديك حساب بالفعل'],
  noAccount: ['ليس لديك حساب'],
  passwordRule: [String.raw`\d+ أحرف على الأقل`],
  newPassword: ['جديد', 'تأكيد'],
  aboutEmail: [],
  contact: ['تواصل', 'اتصل'],
  socialWith: [],
  or: ['أو'],
  nameField: [],
  phoneField: [],
  lookup: ['تتبع', 'رقم الطلب'],
};

export const refusal: RefusalWords = {
  disposableAddress: [String.raw`(?:البريد|بريد|عنوان|عناوين)\s+(?:ال)?(?:إلكتروني\s+(?:ال)?)?مؤقت`],
};

export const mail: MailWords = {
  codeLabels: [
    // رمز/كود + تحقق/تأكيد/تفعيل/دخول/أمان, one-time password
    String.raw`(?:ب|ل|و)?(?:ال)?(?:رمز|كود)\s+(?:ال)?(?:تحقق|التحقق|تأكيد|تاكيد|تفعيل|دخول|أمان|امان|مرور)`,
    String.raw`كلمة\s+(?:ال)?مرور\s+(?:لمرة\s+واحدة|المؤقتة|مؤقتة)`,
    'رمزك|كودك',
  ],
  codeWords: ['(?:ب|ل|و)?(?:ال)?(?:رمز|كود)'],
  genericLabels: ['رمزك', 'كودك'],
  confirmationLabels: ['تأكيد', 'تاكيد'],
  purposes: [
    // "للتحقق" is ل + ال with the alif dropped.
    '(?:ل|و|ب)?(?:ال|ل)?(?:تحقق|تأكيد|تاكيد|تفعيل)',
    String.raw`تسجيل\s+الدخول`,
    String.raw`(?:إكمال|لإكمال)\s+(?:ال)?تسجيل`,
    String.raw`(?:إنشاء|لإنشاء)\s+(?:ال)?حساب`,
  ],
  handoverBefore: ['استخدم', 'أدخل', 'ادخل', 'اكتب'],
  handoverAfter: [],
  copulas: ['هو', 'هي'],
  possessives: [],
  decoyWords: [],
  decoyStems: [
    '(?:و|ب|ل)?(?:ال)?(?:فاتور|إيصال|ايصال|خصم|كوبون|قسيم|ترويج|سعر|مبلغ|إجمالي|اجمالي|مجموع|هاتف|جوال|بريدي|تتبع|شحن|مرجع|بطاق|ريال|جنيه|درهم|دينار|عرض|طلبية)',
    String.raw`رقم\s+(?:ال)?طلب`,
    '(?:و|ب|ل)?(?:ال)?(?:توصيل|اجتماع)',
  ],
  months: [
    'يناير',
    'فبراير',
    'مارس',
    'أبريل',
    'مايو',
    'يونيو',
    'يوليو',
    'أغسطس',
    'سبتمبر',
    'أكتوبر',
    'نوفمبر',
    'ديسمبر',
  ],
  currencyAfter: ['ريال', 'جنيه', 'درهم', 'دينار', String.raw`ر\.س`],
  currencyBefore: [],
  transactionThemes: [String.raw`رقم\s+(?:ال)?طلب`, 'فاتورة', 'حجز', 'اجتماع'],
  linkVerify: ['(?:ل|و)?(?:ال)?(?:تأكيد|تاكيد|أكد|اكد|تحقق|التحقق|تفعيل|فعّل|فعل)'],
  linkSignIn: [String.raw`تسجيل\s+الدخول`, String.raw`إعادة\s+تعيين\s+كلمة\s+المرور`],
  magicLinkContext: ['الرابط'],
  linkNegative: [
    'إلغاء',
    'الغاء',
    'إبطال',
    'ابطال',
    String.raw`لست\s+أنت`,
    String.raw`لم\s+تطلب`,
    'ترقية',
    'الإعدادات',
    'الاعدادات',
    'التفضيلات',
    'الخصوصية',
    'الشروط',
    'مساعدة',
    'المساعدة',
    'الدعم',
    'اتصل',
    'تواصل',
    'الطلب',
    'الفاتورة',
  ],
  genericAnchors: [String.raw`اضغط\s+هنا`, String.raw`انقر\s+هنا`, 'هنا'],
};

export const vocabulary: Vocabulary = { language: 'ar', detector, refusal, mail };
