import { describe, expect, it } from 'vitest';
import { extractVerification } from '../../../lib/core/verification';

/**
 * Japanese and Chinese write no spaces, so a label, a code and the words around them touch ("確認コードは
 * 123456です"), and punctuation and digits may be fullwidth ("電話：０３－１２３４－５６７８"). These cases hold
 * what the extractor does about that (lib/vocabulary/ja.ts and zh.ts hold the words).
 */
describe('Japanese and Chinese mail', () => {
  it.each([
    ['ja: code right against the label and the copula', 'お客様の確認コードは482913です。', '482913'],
    ['ja: label inside a longer word', 'ログイン用の確認コード：735046', '735046'],
    [
      'ja: code on the line under a bracketed label',
      '【確認コード】\n604281\n※有効期限は60分です。',
      '604281',
    ],
    ['ja: fullwidth digits after a fullwidth colon', 'セキュリティコード：８２７３１９', '827319'],
    ['zh: code glued to the label', '您的验证码为382910，请在页面中输入。', '382910'],
    ['zh: code before its label', '738205 是您的邮箱绑定验证码，10 分钟内有效。', '738205'],
    ['zh: code in two groups', '您的注册验证码是：615 207', '615207'],
  ])('%s', (_name, text, code) => {
    expect(extractVerification({ subject: '', text }).code).toBe(code);
  });

  it.each([
    [
      'ja: a fullwidth phone number near a code word',
      'コードについてのお問い合わせ：０３－１２３４－５６７８',
    ],
    ['ja: a coupon code', 'クーポンコード：WELCOME500\nご利用期限：2025年4月30日'],
    [
      'ja: a member number beside a one-time password',
      'ワンタイムパスワードは別途お送りします。\n会員番号：12345678',
    ],
    ['zh: an order number and a parcel pick-up code', '订单号：12345678\n取件码：5678'],
    ['zh: an invite code', '邀请码：AB12CD'],
    ['zh: a year beside a code word', '验证码将于2025年3月13日起停止发送。'],
  ])('%s: no code', (_name, text) => {
    expect(extractVerification({ subject: '', text }).code).toBeUndefined();
  });

  it('ja: a sentence end (。) bounds the words read around a code', () => {
    // "送料" (shipping) belongs to the sentence before; the code's own sentence says nothing of money.
    const text = '送料は無料です。確認コードは 482913 です。';
    expect(extractVerification({ subject: '', text }).code).toBe('482913');
  });

  it('links: a sign-in button counts only with magic-link words around it', () => {
    const magic =
      '<p>下のボタンをクリックすると、パスワードなしでログインできます。このリンクの有効期限は15分です。</p>';
    const button = '<p><a href="https://app.example/l/9f2K">ログイン</a></p>';
    expect(extractVerification({ subject: '', html: magic + button }).link).toBe(
      'https://app.example/l/9f2K',
    );
    expect(
      extractVerification({ subject: '', html: `<p>新着情報があります。</p>${button}` }).link,
    ).toBeUndefined();
  });

  it('links: order, delivery and unsubscribe links are never returned', () => {
    const html =
      '<p><a href="https://shop.example/order/confirm?id=1">确认收货</a> ' +
      '<a href="https://shop.example/o/1">ご注文内容を確認する</a> ' +
      '<a href="https://shop.example/u">退订</a></p>';
    expect(extractVerification({ subject: '', html }).link).toBeUndefined();
  });
});
