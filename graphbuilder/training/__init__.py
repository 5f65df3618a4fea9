"""Training of learned components (training time only; never imported by extraction, never run in CI)."""
