import { createHash } from 'node:crypto';

/** SHA-256 of a normalised e-mail address, as the ad platforms expect it. */
export function sha256Email(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
