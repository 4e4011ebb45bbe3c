"""House-style checks that are not about one glossary term (each off unless configured)."""
