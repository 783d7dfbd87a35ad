pub mod batch;
pub mod fetch;
pub mod monitor;
pub mod site;
