<<<<<<< HEAD
//! Store benchmark (placeholder until written).
=======
//! Store benchmarks (placeholder until they are written).
>>>>>>> exports

fn main() {}
