import { trackEvent } from '@/lib/analytics';
import { identifyBusinessVisitor } from '@/lib/leadfeeder';

export function Newsletter() {
  const onSubmit = (email: string) => {
    trackEvent('Newsletter Joined', { source: 'footer' });
    identifyBusinessVisitor(email);
  };
  return <form onSubmit={() => onSubmit('')} />;
}
