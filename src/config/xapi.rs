//! The `xapi:` section of `khoa.yaml`: where learning records go (an xAPI Learning Record Store),
//! with which credentials, and how learners are named. Off unless present.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};

/// `xapi: { endpoint, auth, actor }`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct XapiConfig {
    /// The LRS's xAPI base URL (statements go to `<endpoint>statements`); always ends in `/`
    /// once the config is read.
    pub endpoint: String,
    /// HTTP Basic credentials. Public to anyone who opens the site: a write-only key or a relay.
    #[serde(default)]
    pub auth: Option<XapiAuth>,
    #[serde(default)]
    pub actor: XapiActor,
}

/// HTTP Basic credentials for the LRS.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct XapiAuth {
    pub username: String,
    pub password: String,
}

/// How statements name a learner.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum XapiActor {
    /// An account per browser profile: a random id, with the site as its `homePage`.
    #[default]
    Anonymous,
    /// An account named by the learner's profile name (what they typed in khoa's profile list).
    ProfileName,
}

impl XapiConfig {
    /// Checks the section and normalises the endpoint to end in `/`; problems are located in
    /// `text` (the whole `khoa.yaml`) and reported against `path`.
    pub fn validate(&mut self, text: &str, path: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let at = |key: &str| line_of_section_key(text, "xapi", key);
        if let Err(why) = check_endpoint(&self.endpoint) {
            let (line, column) = at("endpoint");
            problems.push(Diagnostic::error(path, line, column, why));
        } else if !self.endpoint.ends_with('/') {
            self.endpoint.push('/');
        }
        if let Some(auth) = &self.auth {
            let (line, column) = at("auth");
            if auth.username.is_empty() || auth.username.contains(':') {
                problems.push(Diagnostic::error(
                    path,
                    line,
                    column,
                    "`xapi.auth.username` must be set and hold no `:` (HTTP Basic splits there)",
                ));
            }
            if [&auth.username, &auth.password]
                .iter()
                .any(|s| s.chars().any(char::is_control))
            {
                problems.push(Diagnostic::error(
                    path,
                    line,
                    column,
                    "`xapi.auth` may not hold control characters",
                ));
            }
        }
        problems
    }
}

/// Why `endpoint` cannot be an LRS address, if it cannot.
fn check_endpoint(endpoint: &str) -> Result<(), String> {
    let rest = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("`xapi.endpoint` {endpoint:?} must be an absolute http(s) URL, such as `https://lrs.example.org/xAPI/`")
        })?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        return Err(format!("`xapi.endpoint` {endpoint:?} names no host"));
    }
    if host.contains('@') {
        return Err(
            "`xapi.endpoint` may not carry credentials: put them under `xapi.auth`".to_string(),
        );
    }
    if endpoint.contains(['?', '#'])
        || endpoint
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "`xapi.endpoint` {endpoint:?} must be a plain base URL (no spaces, query or fragment)"
        ));
    }
    Ok(())
}

/// The line and column of `key` inside the top-level `section` of a YAML text: on the section's
/// own line (flow style, `xapi: { endpoint: … }`) or on the indented lines below it. Falls back
/// to the section's line, then to 1:1.
fn line_of_section_key(text: &str, section: &str, key: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| {
        l.strip_prefix(section)
            .is_some_and(|r| r.trim_start().starts_with(':'))
    }) else {
        return (1, 1);
    };
    let in_section = lines[start..]
        .iter()
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.is_empty() || l.starts_with([' ', '\t', '#']));
    for (i, line) in in_section {
        let from = if i == 0 { section.len() } else { 0 };
        let found = line[from..].match_indices(key).find(|(at, _)| {
            let before = line[from..][..*at].chars().next_back();
            let after = line[from + at + key.len()..].trim_start();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && after.starts_with(':')
        });
        if let Some((at, _)) = found {
            return (start + i + 1, line[..from + at].chars().count() + 1);
        }
    }
    (start + 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{FILE_NAME, SiteConfig};

    fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        SiteConfig::parse(&format!("title: a\nsite_id: a\n{text}"), FILE_NAME)
    }

    #[test]
    fn without_the_section_xapi_is_off() {
        assert!(parse("").unwrap().xapi.is_none());
    }

    #[test]
    fn reads_the_section_and_ends_the_endpoint_with_a_slash() {
        let text = "xapi:\n  endpoint: https://lrs.example.org/xAPI\n  auth:\n    username: k\n    password: s\n  actor: profile-name\n";
        let xapi = parse(text).unwrap().xapi.unwrap();
        assert_eq!(xapi.endpoint, "https://lrs.example.org/xAPI/");
        assert_eq!(xapi.actor, XapiActor::ProfileName);
        assert_eq!(xapi.auth.unwrap().username, "k");
        let flow = parse("xapi: { endpoint: 'http://127.0.0.1:8100/xAPI/' }\n");
        let xapi = flow.unwrap().xapi.unwrap();
        assert_eq!(xapi.endpoint, "http://127.0.0.1:8100/xAPI/");
        assert_eq!(xapi.actor, XapiActor::Anonymous);
        assert!(xapi.auth.is_none());
    }

    #[test]
    fn a_bad_endpoint_is_located_at_its_key() {
        let problems =
            parse("xapi:\n  actor: anonymous\n  endpoint: lrs.example.org\n").unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (5, 3));
        assert!(
            problems[0].message.contains("http(s)"),
            "{}",
            problems[0].message
        );
        let flow = parse("xapi: { endpoint: 'https://k:s@lrs.example.org/' }\n").unwrap_err();
        assert_eq!((flow[0].line, flow[0].column), (3, 9));
        assert!(flow[0].message.contains("xapi.auth"));
        for bad in [
            "https:///x",
            "https://lrs.example.org/x?y=1",
            "https://lrs example/",
        ] {
            let text = format!("xapi:\n  endpoint: '{bad}'\n");
            assert_eq!(parse(&text).unwrap_err()[0].line, 4, "{bad}");
        }
    }

    #[test]
    fn basic_credentials_need_a_username_without_a_colon() {
        let text =
            "xapi:\n  endpoint: https://l.example/\n  auth: { username: 'a:b', password: s }\n";
        let problems = parse(text).unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (5, 3));
        assert!(problems[0].message.contains("`:`"));
    }

    #[test]
    fn unknown_keys_and_actors_are_located_errors() {
        let typo = parse("xapi:\n  endpoint: https://l.example/\n  actr: anonymous\n").unwrap_err();
        assert_eq!(typo[0].line, 5);
        let actor = parse("xapi:\n  endpoint: https://l.example/\n  actor: email\n").unwrap_err();
        assert_eq!(actor[0].line, 5);
        let missing = parse("xapi:\n  actor: anonymous\n").unwrap_err();
        assert!(
            missing[0].message.contains("endpoint"),
            "{}",
            missing[0].message
        );
    }
}
