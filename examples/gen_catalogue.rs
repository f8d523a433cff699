//! Regenerates the resource catalogue, `src/catalogue/generated.rs`, from the UCWA 2.0
//! reference in `$UCWA_DOCS` (by default `../shared/ucwa-docs`):
//!
//! ```sh
//! cargo run --example gen_catalogue
//! ```

#[path = "../tools/gen_catalogue.rs"]
mod gen;

use std::process::ExitCode;

fn main() -> ExitCode {
    let docs = gen::docs_dir();
    let generated = match gen::generate(&docs) {
        Ok(generated) => generated,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let output = gen::output_path();
    if let Err(err) = std::fs::write(&output, &generated.source) {
        eprintln!("error: cannot write {}: {err}", output.display());
        return ExitCode::FAILURE;
    }
    let s = &generated.stats;
    println!("wrote {} from {}", gen::OUTPUT, docs.display());
    println!(
        "read {} resource pages, {} enumeration pages, {} JSON samples",
        s.resource_pages, s.enumerations, s.samples
    );
    println!(
        "{} resource types; {} properties, {} typed ({} by the samples, {} enumerations); \
         {} links ({} with a cardinality); {} embedded relations; {} events",
        s.resources,
        s.properties,
        s.typed,
        s.typed_by_samples,
        s.enumerated,
        s.links,
        s.links_with_cardinality,
        s.embedded,
        s.events
    );
    println!(
        "{} operations on {} pages: {} query parameters, {} request fields ({} typed), {} error \
         rows ({} distinct); scopes on {} pages; {} generic errors",
        s.operations,
        s.pages_with_operations,
        s.query_parameters,
        s.request_fields,
        s.request_fields_typed,
        s.error_rows,
        s.errors,
        s.pages_with_scopes,
        s.generic_errors
    );
    for note in &generated.notes {
        println!("note: {note}");
    }
    ExitCode::SUCCESS
}
