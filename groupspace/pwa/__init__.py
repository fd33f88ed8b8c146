"""The installable app: manifest, service worker, offline page, and forgetting on logout."""
