//! The learning-record sender, `_khoa/js/khoa-xapi.js`: one data line (`khoa.yaml`'s `xapi:`
//! section as the browser needs it) followed by the theme's `xapi-core.js` and `xapi.js`, joined by
//! [`super::runtime`]. Written only when the site configures `xapi:`, so a site without it ships
//! no byte of xAPI code or configuration.

use super::runtime;
use crate::config::{SiteConfig, XapiActor};
use crate::escape::script_json;
use crate::theme::Theme;
use serde_json::json;

/// The script's output path and text, or `None` when the site sends no learning records.
pub fn script(config: &SiteConfig, theme: &Theme) -> Option<(&'static str, String)> {
    let xapi = config.xapi.as_ref()?;
    let auth = xapi.auth.as_ref();
    let data = json!({
        "endpoint": xapi.endpoint,
        "user": auth.map(|a| a.username.as_str()),
        "password": auth.map(|a| a.password.as_str()),
        "actor": match xapi.actor {
            XapiActor::Anonymous => "anonymous",
            XapiActor::ProfileName => "profile-name",
        },
        // Activity ids and the anonymous account's homePage: the published address when known,
        // else the address the learner opened (worked out in the browser).
        "home": config.base_url,
    });
    let text = format!(
        "window.KhoaXapiConfig = {};\n{}",
        script_json(&data),
        runtime::join(theme, &runtime::XAPI)
    );
    Some((runtime::XAPI.path, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FILE_NAME;

    #[test]
    fn only_a_configured_site_gets_the_script() {
        let theme = Theme::default_theme();
        let plain = SiteConfig::parse("title: a\nsite_id: a\n", FILE_NAME).unwrap();
        assert!(script(&plain, &theme).is_none());
        let text = "title: a\nsite_id: a\nxapi:\n  endpoint: https://l.example/x\n  auth: { username: k, password: '</script>' }\n";
        let config = SiteConfig::parse(text, FILE_NAME).unwrap();
        let (path, js) = script(&config, &theme).unwrap();
        assert_eq!(path, "_khoa/js/khoa-xapi.js");
        let first = js.lines().next().unwrap();
        assert!(
            first.contains(r#""endpoint":"https://l.example/x/""#),
            "{first}"
        );
        assert!(first.contains(r#""actor":"anonymous""#) && first.contains(r#""home":null"#));
        assert!(!first.contains("</script>"), "{first}");
        assert!(js.contains("KhoaXapiCore") && js.contains("khoa:answer"));
    }
}
