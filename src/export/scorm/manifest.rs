//! `imsmanifest.xml`: the package as one organization with one item, the course, whose SCO
//! resource launches the launch page and lists every file of the package.

use super::ScormVersion;
use crate::escape::{html as xml, percent_encode_path};
use std::fmt::Write;

/// What the manifest describes.
pub struct ManifestInput<'a> {
    pub version: ScormVersion,
    /// The package's identifier (made an XML name by [`xml_id`]).
    pub identifier: &'a str,
    pub title: &'a str,
    /// The launch page, relative to the package root.
    pub launch: &'a str,
    /// Every file the SCO uses, relative to the package root.
    pub files: Vec<&'a str>,
}

const HEAD_12: &str = r#"<manifest identifier="{id}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
"#;

const HEAD_2004: &str = r#"<manifest identifier="{id}" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
"#;

/// The manifest's text.
pub fn manifest(input: &ManifestInput) -> String {
    let id = xml_id(input.identifier);
    let title = xml(input.title);
    let (head, scorm_type) = match input.version {
        ScormVersion::V12 => (HEAD_12, "adlcp:scormtype"),
        ScormVersion::V2004 => (HEAD_2004, "adlcp:scormType"),
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&head.replace("{id}", &id));
    let _ = write!(
        out,
        "  <organizations default=\"{id}-org\">\n    <organization identifier=\"{id}-org\">\n      <title>{title}</title>\n      <item identifier=\"{id}-item\" identifierref=\"{id}-sco\" isvisible=\"true\">\n        <title>{title}</title>\n      </item>\n    </organization>\n  </organizations>\n  <resources>\n    <resource identifier=\"{id}-sco\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{}\">\n",
        xml(&percent_encode_path(input.launch))
    );
    for file in &input.files {
        let _ = writeln!(
            out,
            "      <file href=\"{}\"/>",
            xml(&percent_encode_path(file))
        );
    }
    out.push_str("    </resource>\n  </resources>\n</manifest>\n");
    out
}

/// `text` as an XML name (`xsd:ID`): letters, digits, `-`, `_` and `.`, starting with a letter.
pub fn xml_id(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("khoa-{cleaned}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(version: ScormVersion) -> ManifestInput<'static> {
        ManifestInput {
            version,
            identifier: "site:ky năng",
            title: "Kỹ năng <số> & an toàn",
            launch: "_khoa-scorm/launch.html",
            files: vec!["ky-nang-so/index.html", "ky-nang-so/ảnh 1.png"],
        }
    }

    #[test]
    fn scorm_12_names_its_schema_and_the_lower_case_scormtype() {
        let text = manifest(&input(ScormVersion::V12));
        assert!(text.contains("<schemaversion>1.2</schemaversion>"));
        assert!(text.contains("adlcp:scormtype=\"sco\" href=\"_khoa-scorm/launch.html\""));
        assert!(text.contains("identifier=\"khoa-site-ky-n-ng-org\""));
        assert!(text.contains("<title>Kỹ năng &lt;số&gt; &amp; an toàn</title>"));
        assert!(text.contains("<file href=\"ky-nang-so/%E1%BA%A3nh%201.png\"/>"));
    }

    #[test]
    fn scorm_2004_says_4th_edition_and_spells_scorm_type_with_a_capital() {
        let text = manifest(&input(ScormVersion::V2004));
        assert!(text.contains("<schemaversion>2004 4th Edition</schemaversion>"));
        assert!(text.contains("adlcp:scormType=\"sco\""));
        assert!(!text.contains("scormtype"));
    }
}
