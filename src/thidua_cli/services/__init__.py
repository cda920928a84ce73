"""Use cases the CLI calls: each opens the ledger, does one thing, returns plain results."""
