//! The committed catalogue, `src/catalogue/generated.rs`, is what the generator writes from
//! the UCWA reference today.

#[macro_use]
mod common;

// The test reads only the generated source, not the counts and notes the example prints.
#[allow(dead_code)]
#[path = "../tools/gen_catalogue.rs"]
mod gen;

#[test]
fn committed_catalogue_is_fresh() {
    needs_reference!();
    let docs = common::docs();
    let generated = gen::generate(docs).unwrap_or_else(|message| {
        panic!(
            "cannot generate the catalogue from {}: {message}",
            docs.display()
        )
    });
    let path = gen::output_path();
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    if committed != generated.source {
        let line = committed
            .lines()
            .zip(generated.source.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| {
                committed
                    .lines()
                    .count()
                    .min(generated.source.lines().count())
            })
            + 1;
        panic!(
            "{} is stale: it differs from what the generator writes from {} (first at line \
             {line}).\nRegenerate it with `{}` and commit the result.",
            gen::OUTPUT,
            docs.display(),
            gen::COMMAND
        );
    }
}
