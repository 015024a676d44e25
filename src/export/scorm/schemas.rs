//! The XML schema files a SCORM package carries at its root, embedded unchanged (source and
//! licence: `assets/scorm/README.md`).

use super::ScormVersion;

macro_rules! schema {
    ($folder:literal, $name:literal) => {
        (
            $name,
            include_bytes!(concat!(
                "../../../assets/scorm/schemas/",
                $folder,
                "/",
                $name
            )) as &[u8],
        )
    };
}

const SCORM12: &[(&str, &[u8])] = &[
    schema!("scorm12", "adlcp_rootv1p2.xsd"),
    schema!("scorm12", "ims_xml.xsd"),
    schema!("scorm12", "imscp_rootv1p1p2.xsd"),
    schema!("scorm12", "imsmd_rootv1p2p1.xsd"),
];

const SCORM2004: &[(&str, &[u8])] = &[
    schema!("scorm2004", "XMLSchema.dtd"),
    schema!("scorm2004", "adlcp_v1p3.xsd"),
    schema!("scorm2004", "adlnav_v1p3.xsd"),
    schema!("scorm2004", "adlseq_v1p3.xsd"),
    schema!("scorm2004", "datatypes.dtd"),
    schema!("scorm2004", "imscp_v1p1.xsd"),
    schema!("scorm2004", "imsss_v1p0.xsd"),
    schema!("scorm2004", "imsss_v1p0auxresource.xsd"),
    schema!("scorm2004", "imsss_v1p0control.xsd"),
    schema!("scorm2004", "imsss_v1p0delivery.xsd"),
    schema!("scorm2004", "imsss_v1p0limit.xsd"),
    schema!("scorm2004", "imsss_v1p0objective.xsd"),
    schema!("scorm2004", "imsss_v1p0random.xsd"),
    schema!("scorm2004", "imsss_v1p0rollup.xsd"),
    schema!("scorm2004", "imsss_v1p0seqrule.xsd"),
    schema!("scorm2004", "imsss_v1p0util.xsd"),
    schema!("scorm2004", "xml.xsd"),
];

/// The schema files (name, bytes) a package of `version` carries at its root.
pub fn files(version: ScormVersion) -> &'static [(&'static str, &'static [u8])] {
    match version {
        ScormVersion::V12 => SCORM12,
        ScormVersion::V2004 => SCORM2004,
    }
}
