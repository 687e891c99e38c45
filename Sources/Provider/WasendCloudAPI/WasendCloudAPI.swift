// Meta's WhatsApp Cloud API provider.
