//! 办事服务 checks: a service entry on the homepage and the elements of a 办事指南.

pub mod service_entry;
pub mod service_guide_elements;
