// Placeholder until validate lands.
