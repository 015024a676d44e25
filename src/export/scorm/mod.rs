//! `khoa export scorm`: one course as a SCORM 1.2 or 2004 (4th edition) package, from the outputs
//! `pack --course` would zip: the course's pages, assets and shared files with their relative
//! links, `imsmanifest.xml` and the schema files at the root, and the SCORM runtime.
//!
//! A course is many pages while SCORM allows one session (initialize … finish) per launch, so the
//! SCO launches `_khoa-scorm/launch.html`: it holds the LMS session and shows the course page in a
//! frame, where the learner moves from page to page. Each page of the package (and only of the
//! package) loads `scorm-core.js`, `scorm-page.js` and the course outline, which read and save
//! progress through the launch page's session. Pure: outputs in, outputs out.

mod manifest;
mod schemas;

use crate::escape::html;
use crate::model::Course;
use crate::output::{Outputs, Owner};
use manifest::ManifestInput;

/// Which SCORM the package speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScormVersion {
    V12,
    V2004,
}

impl ScormVersion {
    /// The name the runtime reads from the launch page (`data-scorm`).
    fn label(self) -> &'static str {
        match self {
            ScormVersion::V12 => "1.2",
            ScormVersion::V2004 => "2004",
        }
    }

    /// `<course-id>-scorm12.zip` or `<course-id>-scorm2004.zip`.
    pub fn zip_name(self, course_id: &str) -> String {
        match self {
            ScormVersion::V12 => format!("{course_id}-scorm12.zip"),
            ScormVersion::V2004 => format!("{course_id}-scorm2004.zip"),
        }
    }
}

/// The folder of the package's own files; slugs never start with `_`, so no course can own it.
const FOLDER: &str = "_khoa-scorm/";
const LAUNCH: &str = "_khoa-scorm/launch.html";
const MANIFEST: &str = "imsmanifest.xml";
/// The scripts every page of the package loads after khoa's own, in this order.
const PAGE_SCRIPTS: &[&str] = &["outline.js", "scorm-core.js", "scorm-page.js"];
const CORE_JS: &[u8] = include_bytes!("../../../assets/scorm/js/scorm-core.js");
const PAGE_JS: &[u8] = include_bytes!("../../../assets/scorm/js/scorm-page.js");
const LAUNCH_JS: &[u8] = include_bytes!("../../../assets/scorm/js/scorm-launch.js");

/// The package of `course`, made from `outputs` (the published site as if it held only that
/// course) and `outline`, the course's outline script. An error names a path the package needs
/// that the site already uses.
pub fn package(
    outputs: Outputs,
    course: &Course,
    outline: String,
    version: ScormVersion,
) -> Result<Outputs, String> {
    let mut package = Outputs::new();
    for (path, owner, bytes) in outputs.into_entries() {
        let bytes = if path.ends_with(".html") {
            with_scripts(&path, bytes)
        } else {
            bytes
        };
        // Each path comes from a map of unique paths: nothing can collide here.
        let _ = package.add(path, owner, bytes);
    }
    let runtime: Vec<(String, Vec<u8>)> = vec![
        (format!("{FOLDER}outline.js"), outline.into_bytes()),
        (format!("{FOLDER}scorm-core.js"), CORE_JS.to_vec()),
        (format!("{FOLDER}scorm-page.js"), PAGE_JS.to_vec()),
        (format!("{FOLDER}scorm-launch.js"), LAUNCH_JS.to_vec()),
        (
            LAUNCH.to_string(),
            launch_page(course, version).into_bytes(),
        ),
    ];
    let files: Vec<&str> = package
        .iter()
        .map(|(path, _)| path)
        .chain(runtime.iter().map(|(path, _)| path.as_str()))
        .collect();
    let text = manifest::manifest(&ManifestInput {
        version,
        identifier: &course.id,
        title: &course.title,
        launch: LAUNCH,
        files,
    });
    let schema_files = schemas::files(version)
        .iter()
        .map(|(name, bytes)| ((*name).to_string(), bytes.to_vec()));
    let own: Vec<(String, Vec<u8>)> = runtime
        .into_iter()
        .chain(schema_files)
        .chain([(MANIFEST.to_string(), text.into_bytes())])
        .collect();
    for (path, bytes) in own {
        if package.contains(&path) {
            return Err(format!(
                "the SCORM package needs the path `{path}`, which the site already uses"
            ));
        }
        let problems = package.add(path.clone(), Owner::Khoa("the SCORM package"), bytes);
        if !problems.is_empty() {
            return Err(format!(
                "the SCORM package needs the path `{path}`, which the site already uses"
            ));
        }
    }
    Ok(package)
}

/// `page` with the package's scripts before `</head>`, deferred like khoa's own so they run after
/// them and before the page's `DOMContentLoaded`.
fn with_scripts(path: &str, page: Vec<u8>) -> Vec<u8> {
    let Ok(text) = String::from_utf8(page.clone()) else {
        return page;
    };
    let Some(at) = text.find("</head>") else {
        return page;
    };
    let root = "../".repeat(path.matches('/').count());
    let tags: String = PAGE_SCRIPTS
        .iter()
        .map(|name| format!("<script defer src=\"{root}{FOLDER}{name}\"></script>\n"))
        .collect();
    let mut out = String::with_capacity(text.len() + tags.len());
    out.push_str(&text[..at]);
    out.push_str(&tags);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// The launch page: the LMS session, and the course page in a frame filling the window.
fn launch_page(course: &Course, version: ScormVersion) -> String {
    let title = html(&course.title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" data-scorm=\"{version}\" data-course=\"{id}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>html,body,iframe{{margin:0;padding:0;border:0;width:100%;height:100%;display:block;overflow:hidden}}</style>\n<script src=\"scorm-core.js\"></script>\n<script src=\"scorm-launch.js\"></script>\n</head>\n<body>\n<iframe id=\"_khoa-scorm-course\" title=\"{title}\" src=\"../{url}\"></iframe>\n</body>\n</html>\n",
        lang = course.language.code(),
        version = version.label(),
        id = html(&course.id),
        url = html(&crate::escape::percent_encode_path(&course.url())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_gets_the_scorm_scripts_with_its_own_way_to_the_root() {
        let page = b"<html><head><title>t</title></head><body></body></html>".to_vec();
        let deep = String::from_utf8(with_scripts("c/m/bai.html", page.clone())).unwrap();
        assert!(
            deep.contains(
                "<script defer src=\"../../_khoa-scorm/scorm-page.js\"></script>\n</head>"
            )
        );
        let top = String::from_utf8(with_scripts("index.html", page)).unwrap();
        assert!(top.contains("<script defer src=\"_khoa-scorm/outline.js\"></script>"));
        let order: Vec<usize> = PAGE_SCRIPTS
            .iter()
            .map(|name| top.find(name).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn zip_names_follow_the_version() {
        assert_eq!(ScormVersion::V12.zip_name("c"), "c-scorm12.zip");
        assert_eq!(ScormVersion::V2004.zip_name("c"), "c-scorm2004.zip");
    }
}
