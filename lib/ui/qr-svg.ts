/**
 * The QR code of a text as one SVG path (one unit per module), drawn from qrcode-generator's matrix. The
 * library is imported here on demand, so it is fetched only when a code is shown. Error correction M, the
 * smallest version that fits; text as UTF-8 bytes.
 */
export async function qrPath(text: string): Promise<{ size: number; d: string }> {
  const { default: qrcode } = await import('qrcode-generator');
  // Its default keeps only the low byte of each UTF-16 unit; a payload is UTF-8.
  qrcode.stringToBytes = (s) => [...new TextEncoder().encode(s)];
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) d += `M${col} ${row}h1v1h-1z`;
    }
  }
  return { size: count, d };
}
