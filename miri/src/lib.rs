//! `ucwa_codec`'s string module, the same source files, compiled alone for Miri (see
//! `Cargo.toml`). Nothing here is used: the module's own unit tests are what runs.

#![allow(dead_code, unsafe_code)]

#[path = "../../src/model"]
mod model {
    pub mod str;
}
