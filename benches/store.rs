//! Store benchmarks (placeholder until they are written).

fn main() {}
