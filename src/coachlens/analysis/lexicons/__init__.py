"""Word lists and phrase sets the analyzers share; each is written by the project and loaded lazily."""
