//! `khoa export FORMAT --course ID`: a course in a format other systems import (GIFT for
//! Moodle's question bank), written whole or not at all.

pub mod gift;
