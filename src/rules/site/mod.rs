//! 功能设计 checks seen on any page: site search, commercial ads, the accessibility /
//! elderly-mode entry.

pub mod elderly_accessibility_entry;
pub mod no_commercial_ads;
pub mod site_search;
