import sgMail from '@sendgrid/mail';

sgMail.setApiKey(process.env.SENDGRID_API_KEY ?? '');

/** Order receipts through SendGrid, with its open and click tracking switched on. */
export async function sendReceipt(to: string, orderId: string, html: string) {
  await sgMail.send({
    to,
    from: 'orders@example-shop.com',
    subject: `Your order ${orderId}`,
    html,
    customArgs: { order_id: orderId },
    trackingSettings: { openTracking: { enable: true }, clickTracking: { enable: true, enableText: false } },
  });
}
