"""lieguan.db: records → SQLite, follow-up tracking, exports."""
