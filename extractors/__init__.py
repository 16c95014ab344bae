"""Pure functions from normalised text to records with spans."""
