//! Site identity: codes and numbers that must agree, the domain, and the page tags.
pub mod identity_consistency;
pub mod meta_tags;
pub mod site_domain_govcn;
