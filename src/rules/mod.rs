//! Rules, one file each, grouped by the part of the inspection they belong to.
pub mod footer;
pub mod identity;
