//! Rules, one file each, grouped by the part of the inspection they belong to.
pub mod content;
pub mod footer;
pub mod identity;
pub mod interaction;
pub mod service;
pub mod site;
