//! Store benchmark: save and load of a 1 MB project (written in the core tests work).

fn main() {}
