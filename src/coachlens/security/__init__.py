"""Security primitives: password hashing (the web issue adds sessions, permissions, crypto)."""
