// B2B visitor identification: Leadfeeder turns the visitor's IP into a company and, once the
// newsletter form is filled in, ties the e-mail address to it (with marketing consent).
import { hasConsent } from './consent';

declare global {
  interface Window {
    ldfdr: { identify(p: { email: string }): void };
  }
}

export function identifyBusinessVisitor(email: string) {
  if (hasConsent('marketing')) window.ldfdr.identify({ email });
}
