import { trackEvent } from '@/lib/analytics';

export function Newsletter() {
  const onSubmit = (email: string) => {
    // privet-disable-next-line undeclared-property -- legacy field, removal tracked in SHOP-212
    trackEvent('Newsletter Joined', { source: 'footer' });
    void email;
  };
  return <form onSubmit={() => onSubmit('')} />;
}
