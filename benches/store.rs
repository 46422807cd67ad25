//! Store benchmark (placeholder until written).

fn main() {}
