// An old marketing script copied from a vendor e-mail; no privacy.yaml governs this folder.
window.dataLayer = window.dataLayer || [];
window.dataLayer.push({ event: 'legacy_landing', campaign: 'spring-sale' });
