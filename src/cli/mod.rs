pub mod batch;
pub mod fetch;
pub mod site;
