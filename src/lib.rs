//! khoa: turns a folder of Markdown courses into a portable static course website.
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fold;
pub mod highlight;
pub mod i18n;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod quiz;
pub mod slug;
pub mod yaml;
