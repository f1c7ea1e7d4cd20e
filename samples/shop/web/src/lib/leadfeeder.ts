// B2B visitor identification: Leadfeeder turns the visitor's IP into a company and, once the
// newsletter form is filled in, ties the e-mail address to it.
declare global {
  interface Window {
    ldfdr: { identify(p: { email: string }): void };
  }
}

export function identifyBusinessVisitor(email: string) {
  window.ldfdr.identify({ email });
}
