//! `khoa export`: a course in the formats other learning systems import (a SCORM package, GIFT
//! for Moodle's question bank).
//!
//! Each format is a pure step from the compiled site to bytes; the command line writes them,
//! whole or not at all.

pub mod gift;
pub mod scorm;
