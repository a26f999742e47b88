"""Training and evaluation of the project's own models (`coachlens train`, `coachlens evaluate`)."""
