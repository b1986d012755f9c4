"""Views by topic; each module's views are named in programmes/urls.py."""
