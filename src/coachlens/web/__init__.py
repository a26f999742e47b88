"""The web application (PRODUCT.md C6): FastAPI, server-rendered pages and the JSON API."""
