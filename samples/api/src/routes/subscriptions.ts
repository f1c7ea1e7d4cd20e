import type { Request, Response } from 'express';
import { hasConsent, recordEvent } from '../lib/analytics';

interface User {
  id: string;
  plan: 'free' | 'pro' | 'team';
}

export async function upgrade(req: Request & { user: User }, res: Response) {
  const { plan, seats } = req.body as { plan: User['plan']; seats: number };
  // ... charge the customer, update the subscription ...
  if (hasConsent(req.user.id, 'analytics')) {
    recordEvent(req.user.id, 'Plan Upgraded', { from_plan: req.user.plan, to_plan: plan, seats });
  }
  res.json({ ok: true });
}

export async function cancel(req: Request & { user: User }, res: Response) {
  if (!hasConsent(req.user.id, 'analytics')) {
    res.json({ ok: true });
    return;
  }
  recordEvent(req.user.id, 'Plan Cancelled', { from_plan: req.user.plan });
  res.json({ ok: true });
}
