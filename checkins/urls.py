"""Check-in pages (mounted at the site root by groupspace/urls.py)."""

urlpatterns: list = []
