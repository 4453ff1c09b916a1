"""The SAKIP evaluation API under /api/v1/evaluasi/ (urls, views, serializers)."""
