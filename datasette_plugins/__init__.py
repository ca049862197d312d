"""lieguan's Datasette plugins: one job each."""
