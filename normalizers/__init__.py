"""Text repair and matching views that keep spans exact."""
