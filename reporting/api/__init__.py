"""The performance data API under /api/v1/kinerja/ (urls, views, serializers)."""
