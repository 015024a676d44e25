//! `khoa export`: a course in the formats other learning systems import (a SCORM package).
//!
//! Each format is a pure step from the compiled site to bytes; the command line writes them.

pub mod scorm;
