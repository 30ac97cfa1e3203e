/**
 * A link's own fields must agree with each other wherever a link is answered: `pay_link` carries
 * the base64 of the link's decimal id, `qr_img` encodes exactly that `pay_link`, and the JSON text of
 * `recipient`/`recipients` holds a valid recipient list (ajv treats `contentSchema` as a mere
 * annotation, so it is checked here).
 */
import { operations } from '../../core/spec.ts';
import { schemaValidator } from '../../core/validators.ts';
import { type Check, excerpt, isRecord, quoted, valueChars } from './types.ts';

const recipientListSchema = (
  operations.createSplitLink.requestSchemas['application/json']?.properties as
    | Record<string, Record<string, unknown>>
    | undefined
)?.recipients;
const validateRecipients = recipientListSchema ? schemaValidator(recipientListSchema) : undefined;

function linksIn(body: unknown): Record<string, unknown>[] {
  if (!isRecord(body)) return [];
  const data = body.data;
  if (Array.isArray(data)) return data.filter(isRecord);
  return isRecord(data) ? [data] : [];
}

function payLinkFailures(link: Record<string, unknown>, where: string): string[] {
  const id = link.id ?? link.linktopay_id;
  const payLink = link.pay_link;
  if (typeof payLink !== 'string' || id === undefined) return [];
  const failures: string[] = [];
  const encoded = /[?&]link_id=([^&#]*)/.exec(payLink)?.[1];
  const decoded = encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
  if (decoded !== String(id)) {
    failures.push(
      `${where}pay_link: received ${excerpt(payLink, valueChars)} (link_id decodes to ${quoted(decoded)}) / documented: base64 of the id ${excerpt(id, valueChars)}`,
    );
  }
  const qrImg = link.qr_img;
  const expectedQr = `https://quickchart.io/chart?chl=${payLink}&chs=300x300&cht=qr`;
  if (typeof qrImg === 'string' && qrImg !== expectedQr) {
    // The documented URL is made of the received pay_link: quoted as received values are.
    failures.push(
      `${where}qr_img: received ${excerpt(qrImg, valueChars)} / documented: ${excerpt(expectedQr, valueChars)}`,
    );
  }
  return failures;
}

function recipientsFailures(link: Record<string, unknown>, where: string): string[] {
  const failures: string[] = [];
  for (const field of ['recipient', 'recipients']) {
    const text = link[field];
    if (typeof text !== 'string' || !validateRecipients) continue;
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch {
      failures.push(
        `${where}${field}: received ${excerpt(text, valueChars)} / documented: JSON text of a recipient list`,
      );
      continue;
    }
    if (!validateRecipients(list)) {
      const why = validateRecipients.errors?.[0]?.message;
      failures.push(
        `${where}${field}: received ${excerpt(text, valueChars)} / documented: a recipient list (${why})`,
      );
    }
  }
  return failures;
}

export const linkConsistency: Check = {
  name: 'linkConsistency',
  run: (ex) => {
    if (ex.status !== 200) return [];
    const links = linksIn(ex.body);
    const isList = isRecord(ex.body) && Array.isArray(ex.body.data);
    return links.flatMap((link, index) => {
      const where = isList ? `data/${index}/` : 'data/';
      return [...payLinkFailures(link, where), ...recipientsFailures(link, where)];
    });
  },
};
