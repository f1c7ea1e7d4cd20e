// An old landing-page script, now governed by its own manifest (scripts/privacy.yaml).
window.dataLayer = window.dataLayer || [];
window.dataLayer.push({ event: 'legacy_landing', campaign: 'spring-sale' });
