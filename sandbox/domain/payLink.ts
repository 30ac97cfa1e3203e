/**
 * The customer-facing URLs of a link: `pay_link` carries the base64 of the decimal link id
 * (124 → MTI0, padding kept, not URL-encoded), and `qr_img` is a QR chart URL with pay_link inside, raw.
 */

export function payLinkFor(publicBaseUrl: string, linkId: number): string {
  return `${publicBaseUrl}/payment?link_id=${Buffer.from(String(linkId)).toString('base64')}`;
}

export function qrImageFor(payLink: string): string {
  return `https://quickchart.io/chart?chl=${payLink}&chs=300x300&cht=qr`;
}

/** The link id inside a pay_link, or undefined when it carries none. */
export function linkIdFromPayLink(payLink: string): number | undefined {
  const match = /[?&]link_id=([A-Za-z0-9+/]+={0,2})$/.exec(payLink);
  if (!match?.[1]) return undefined;
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  return /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}
