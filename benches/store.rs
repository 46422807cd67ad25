//! Store benchmark (see issue: save and load of a 1 MB project).
fn main() {}
