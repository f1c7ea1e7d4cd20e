import nodemailer from 'nodemailer';
import type { Customer } from '../lib/customers';

const transporter = nodemailer.createTransport({ host: 'smtp.example.com', port: 587 });
const TRACK = 'https://mail.example-shop.com/t';

/** Links in the newsletter go through our click redirect, which records who clicked what. */
function tracked(link: string, r: Customer): string {
  return `${TRACK}/click?url=${encodeURIComponent(link)}&rid=${r.id}`;
}

export function renderNewsletter(r: Customer, offers: { title: string; url: string }[]): string {
  // The open pixel: a 1×1 image unique to the recipient.
  const pixel = r.trackingOptOut ? '' : `<img src="${TRACK}/open/${r.id}.gif" width="1" height="1" alt="" style="display:none">`;
  return `<html><body>
    <h1>Hello ${r.firstName}</h1>
    ${offers.map((o) => `<p><a href="${tracked(o.url, r)}">${o.title}</a></p>`).join('')}
    <p><a href="https://example-shop.com/account/unsubscribe">Unsubscribe</a></p>
    ${pixel}
  </body></html>`;
}

export async function sendNewsletter(r: Customer, offers: { title: string; url: string }[]) {
  await transporter.sendMail({ from: 'news@example-shop.com', to: r.email, subject: 'This week’s offers', html: renderNewsletter(r, offers) });
}
