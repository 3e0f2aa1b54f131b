//! The source standard: what a web address is worth as evidence.
//!
//! Every fact must rest on the primary source (a legislature, a court, a
//! government body, an official gazette or code publisher) or on the
//! original publisher of reliable reporting — never on a scraper, a mirror
//! or a machine-reworded copy. `data/sources.toml` lists which domains are
//! which, each refused one with the reason, so the judgement is reviewable
//! data rather than code. Anything not listed is secondary: allowed beside
//! a better source, never alone.

use serde::Deserialize;

/// What a source's address makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceClass {
    /// The body whose law or record it is.
    Primary,
    /// The newsroom that did the reporting.
    Publisher,
    /// Legal publishers, advocacy groups, trackers: useful, not enough alone.
    Secondary,
}

impl SourceClass {
    /// Whether a law may rest on this source.
    pub fn stands_alone(self) -> bool {
        matches!(self, SourceClass::Primary | SourceClass::Publisher)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StandardFile {
    primary_suffixes: Vec<String>,
    #[serde(default)]
    primary: Vec<Listed>,
    #[serde(default)]
    publisher: Vec<Listed>,
    #[serde(default)]
    refused: Vec<Listed>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Listed {
    domain: String,
    /// Why it is listed: for a refused domain, said in the error.
    why: String,
}

/// `data/sources.toml`, ready to judge addresses.
#[derive(Debug, Default)]
pub struct SourceStandard {
    primary_suffixes: Vec<String>,
    primary: Vec<String>,
    publishers: Vec<String>,
    refused: Vec<(String, String)>,
}

impl SourceStandard {
    /// Reads the list; an entry without a reason is refused, because the
    /// reason is what a maintainer reviews.
    pub fn parse(text: &str) -> Result<SourceStandard, String> {
        let file: StandardFile = toml::from_str(text).map_err(|e| e.to_string())?;
        for listed in file
            .primary
            .iter()
            .chain(&file.publisher)
            .chain(&file.refused)
        {
            if listed.why.trim().is_empty() {
                return Err(format!("`{}` needs a `why`", listed.domain));
            }
            if listed.domain != listed.domain.trim().to_ascii_lowercase()
                || listed.domain.contains('/')
            {
                return Err(format!(
                    "`{}` must be a bare lowercase domain, like \"example.org\"",
                    listed.domain
                ));
            }
        }
        Ok(SourceStandard {
            primary_suffixes: file.primary_suffixes,
            primary: file.primary.into_iter().map(|l| l.domain).collect(),
            publishers: file.publisher.into_iter().map(|l| l.domain).collect(),
            refused: file
                .refused
                .into_iter()
                .map(|l| (l.domain, l.why))
                .collect(),
        })
    }

    /// Why a source at this address is never acceptable, if it is not.
    pub fn refused(&self, url: &str) -> Option<&str> {
        let host = host(url);
        self.refused
            .iter()
            .find(|(domain, _)| within(&host, domain))
            .map(|(_, why)| why.as_str())
    }

    /// What a source at this address is worth (refused ones: see `refused`).
    pub fn classify(&self, url: &str) -> SourceClass {
        let host = host(url);
        let listed = |list: &[String]| list.iter().any(|domain| within(&host, domain));
        if self
            .primary_suffixes
            .iter()
            .any(|s| host.ends_with(s.as_str()))
            || listed(&self.primary)
        {
            SourceClass::Primary
        } else if listed(&self.publishers) {
            SourceClass::Publisher
        } else {
            SourceClass::Secondary
        }
    }
}

/// The host of a URL, lowercase, without "www.".
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    let host = host.to_ascii_lowercase();
    host.strip_prefix("www.")
        .map(str::to_string)
        .unwrap_or(host)
}

/// Whether `host` is `domain` or one of its subdomains.
fn within(host: &str, domain: &str) -> bool {
    host == domain || host.ends_with(&format!(".{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"
primary_suffixes = [".gov"]
[[primary]]
domain = "legistar.com"
why = "Council records cities publish themselves."
[[publisher]]
domain = "apnews.com"
why = "The Associated Press."
[[refused]]
domain = "einnews.com"
why = "A press-release wire."
"#;

    #[test]
    fn addresses_are_judged_by_their_domain() {
        let standard = SourceStandard::parse(LIST).expect("parses");
        assert_eq!(
            standard.classify("https://www.flsenate.gov/Laws"),
            SourceClass::Primary
        );
        assert_eq!(
            standard.classify("https://seattle.legistar.com/x"),
            SourceClass::Primary
        );
        assert_eq!(
            standard.classify("https://apnews.com/article/1"),
            SourceClass::Publisher
        );
        assert_eq!(
            standard.classify("https://law.justia.com/codes"),
            SourceClass::Secondary
        );
        // A look-alike is not the domain.
        assert_eq!(
            standard.classify("https://notapnews.com/"),
            SourceClass::Secondary
        );
        assert_eq!(
            standard.refused("https://laautoshow.einnews.com/pr"),
            Some("A press-release wire.")
        );
        assert_eq!(standard.refused("https://apnews.com/"), None);
    }

    #[test]
    fn every_listed_domain_says_why() {
        let bad = LIST.replace("why = \"The Associated Press.\"", "why = \" \"");
        assert!(SourceStandard::parse(&bad).is_err());
        let bad = LIST.replace(
            "domain = \"apnews.com\"",
            "domain = \"https://apnews.com/\"",
        );
        assert!(SourceStandard::parse(&bad).is_err());
    }
}
