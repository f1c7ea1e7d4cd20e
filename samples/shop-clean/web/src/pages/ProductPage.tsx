import { useEffect } from 'react';
import { trackEvent } from '@/lib/analytics';
import { gaEvent } from '@/lib/gtag';
import { metaAddToCart } from '@/consent/cookiebot';

interface Product {
  sku: string;
  name: string;
  price: number;
  category: string;
}

export function ProductPage({ product }: { product: Product }) {
  useEffect(() => {
    trackEvent('Product Viewed', { sku: product.sku, price: product.price, category: product.category });
    gaEvent('view_item', { items: [{ item_id: product.sku, price: product.price }], currency: 'EUR' });
  }, [product]);

  const addToCart = (quantity: number) => {
    trackEvent('Product Added', { sku: product.sku, quantity });
    metaAddToCart(product.price * quantity);
  };

  return <button onClick={() => addToCart(1)}>Add {product.name} to cart</button>;
}
