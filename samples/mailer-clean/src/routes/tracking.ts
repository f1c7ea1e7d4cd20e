import express from 'express';

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const opens: { recipient: string; ip: string; userAgent?: string; at: Date }[] = [];

export const tracking = express.Router();

// Where the newsletter's open pixel lands: who opened, when, from which IP and mail client.
tracking.get('/t/open/:id.gif', (req, res) => {
  opens.push({ recipient: req.params.id, ip: req.ip ?? '', userAgent: req.get('user-agent'), at: new Date() });
  res.set('Content-Type', 'image/gif').set('Cache-Control', 'no-store').send(GIF);
});

// The click redirect.
tracking.get('/t/click', (req, res) => {
  opens.push({ recipient: String(req.query.rid), ip: req.ip ?? '', at: new Date() });
  res.redirect(String(req.query.url));
});
