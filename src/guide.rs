//! The guides behind the API: the pages of the repository's `docs/` folder, here so that the
//! rendered documentation reaches them.

#[doc = include_str!("../docs/mapping.md")]
pub mod mapping {}

#[doc = include_str!("../docs/events.md")]
pub mod events {}

#[doc = include_str!("../docs/robustness.md")]
pub mod robustness {}

#[doc = include_str!("../docs/check.md")]
pub mod check {}

#[doc = include_str!("../docs/catalogue.md")]
pub mod catalogue {}

#[doc = include_str!("../docs/architecture.md")]
pub mod architecture {}
