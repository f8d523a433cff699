//! Runs one shape of the `pathological` benchmark once, for callgrind to count its
//! instructions (`benches/pathological_instructions.py` runs every shape at N and 4N):
//!
//! ```sh
//! cargo run --release --example pathological_count -- json-event-members 20000
//! ```

#[path = "../benches/shapes/mod.rs"]
mod shapes;

/// What callgrind counts (`--toggle-collect=*measure*`): the operation, not making its input.
#[inline(never)]
fn measure(operation: &mut dyn FnMut()) {
    operation();
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(shape), Some(size)) = (args.next(), args.next()) else {
        eprintln!("usage: pathological_count SHAPE N (`list 1` names the shapes)");
        std::process::exit(2);
    };
    let size: usize = size.parse().unwrap_or_else(|_| {
        eprintln!("N must be a whole number, not {size:?}");
        std::process::exit(2);
    });
    let mut cases = shapes::cases(size);
    if shape == "list" {
        cases.iter().for_each(|(name, _)| println!("{name}"));
        return;
    }
    let Some((_, operation)) = cases.iter_mut().find(|(name, _)| *name == shape) else {
        eprintln!("no shape {shape:?}; `list 1` names them");
        std::process::exit(2);
    };
    measure(operation.as_mut());
}
