"""The practice record's storage: typed tables, the engine, units of work and migrations."""
