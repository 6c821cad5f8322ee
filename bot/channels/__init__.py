"""Messaging channels: REST with a reply guard, Telegram, WhatsApp (Twilio)."""
