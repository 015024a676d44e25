//! The project's files beside `content/`: the app icon `khoa.yaml` names, and the UI strings in
//! `i18n/<lang>.yaml` (one flat map per language, merged over the built-in catalog by
//! [`crate::i18n::UiStrings`]).

use super::Loader;
use crate::config::Language;
use crate::i18n::{self, UiStrings};
use crate::model::Icon;
use std::collections::BTreeMap;

impl Loader<'_> {
    /// Reads every `i18n/<lang>.yaml` of the project. A file that cannot be read is an error; one
    /// named for a language the site does not list, or not named `<lang>.yaml`, is a warning.
    pub(super) fn ui_strings(&mut self) -> UiStrings {
        let folder = self.root.join(i18n::PROJECT_DIR);
        let mut project = BTreeMap::new();
        if !folder.is_dir() {
            return UiStrings::new(project);
        }
        for entry in self.visible(&folder) {
            let path = self.relative(&entry.path);
            let language = entry
                .name
                .strip_suffix(".yaml")
                .and_then(|code| Language::parse(code).ok());
            let Some(language) = language.filter(|_| !entry.is_dir) else {
                self.warn(&path, "not a UI string file: they are named `i18n/<language code>.yaml`, as `i18n/hmn.yaml`");
                continue;
            };
            if !self.languages.contains(&language) {
                let message = format!(
                    "UI strings for `{language}`, which `languages` in khoa.yaml does not list; they are not used"
                );
                self.warn(&path, &message);
                continue;
            }
            let text = match std::fs::read(&entry.path) {
                Ok(bytes) => match crate::document::decode(&bytes, &path) {
                    Ok(text) => text,
                    Err(problem) => {
                        self.diagnostics.push(problem);
                        continue;
                    }
                },
                Err(e) => {
                    self.error(&path, &format!("cannot read: {e}"));
                    continue;
                }
            };
            let (strings, problems) = i18n::parse_project_file(&text, &path);
            self.diagnostics.extend(problems);
            project.insert(language, strings);
        }
        UiStrings::new(project)
    }

    /// The project's icon file named by `icon:` in `khoa.yaml`, if it is there.
    pub(super) fn icon(&mut self, icon: Option<&str>) -> Option<Icon> {
        let source_path = icon?;
        let file = self.root.join(source_path);
        if file.is_file() {
            let source_path = source_path.to_string();
            return Some(Icon { source_path, file });
        }
        let message = format!("`icon` names `{source_path}`, which is not a file in the project");
        self.error(crate::config::FILE_NAME, &message);
        None
    }
}
