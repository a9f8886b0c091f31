// Placeholder until the stale audit lands.
