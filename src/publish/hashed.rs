//! Content-hashed names for every file under `_khoa/` (`khoa.css` → `khoa.3f2a1c9e.css`), so a
//! host can cache them forever, and every reference to them rewritten to follow.
//!
//! A reference is a path to a `_khoa/` file written as a whole string in a page, a script, a
//! stylesheet or a generated root file: `"../_khoa/khoa.css"`, `'_khoa/js/khoa-search.js'`,
//! `url(_khoa/x.png)`. It starts right after a quote or `(`, then any `../` or `./` steps (or the
//! site's own `base_url`, as in a share preview's image), and ends at a quote, `)`, `?` or `#`. Text in prose (`<code>_khoa/khoa.css</code>`) is left alone, and so
//! is a path that is only the start of one built at run time. A file's name hashes its bytes after
//! its own references are rewritten, so a change anywhere below it changes its name too.
//! Pure: outputs in, outputs out; the hash is FNV-1a 64 from [`crate::fingerprint`].

use crate::cache::BuildCache;
use crate::diagnostic::Diagnostic;
use crate::output::{Outputs, Owner, STATIC_PREFIX};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Extensions of the files whose text may name a `_khoa/` file.
const TEXT: &[&str] = &["html", "css", "js", "json", "webmanifest", "svg", "xml"];

/// Where the references are in each output of the previous publish, by path: `serve` keeps them
/// so that only a file whose bytes changed is searched again.
#[derive(Default)]
pub struct KnownReferences {
    base_url: Option<String>,
    by_path: HashMap<String, (Vec<u8>, Spans)>,
}

/// Byte ranges of the references in one file.
type Spans = Vec<Span>;
type Span = (usize, usize);

/// `outputs` with each `_khoa/` file renamed by its content and every reference rewritten; also
/// the map from each plain name to its hashed one. `known` (from the previous publish) spares
/// searching again the files that are unchanged; it is left holding this publish's.
pub fn hash_names(
    outputs: Outputs,
    base_url: Option<&str>,
    known: Option<&mut KnownReferences>,
    cache: &BuildCache,
) -> (Outputs, BTreeMap<String, String>, Vec<Diagnostic>) {
    let refs = References { base_url };
    let entries = outputs.into_entries();
    let remember = known.is_some();
    let mut none = KnownReferences::default();
    let known = known.unwrap_or(&mut none);
    if known.base_url.as_deref() != base_url {
        known.by_path.clear();
        known.base_url = base_url.map(str::to_string);
    }
    let spans: Vec<Option<Spans>> = entries
        .par_iter()
        .map(|(path, owner, bytes)| {
            may_refer(path, owner).then(|| {
                let same = known.by_path.get(path).filter(|(b, _)| b == bytes);
                same.map_or_else(|| refs.find(bytes), |(_, spans)| spans.clone())
            })
        })
        .collect();
    let candidates: BTreeSet<String> = entries
        .iter()
        .map(|(path, _, _)| path.clone())
        .filter(|path| path.starts_with(STATIC_PREFIX))
        .collect();
    let names = settle_names(&entries, &spans, &candidates, cache);
    if remember {
        known.by_path.retain(|path, _| outputs_hold(&entries, path));
        for ((path, _, bytes), spans) in entries.iter().zip(&spans) {
            let Some(spans) = spans else { continue };
            let same = known.by_path.get(path).is_some_and(|(b, _)| b == bytes);
            if !same {
                known
                    .by_path
                    .insert(path.clone(), (bytes.clone(), spans.clone()));
            }
        }
    }
    // Each file is taken by value and rewritten only where it names a renamed file, so a build
    // never holds two copies of the site (the old bytes are freed as their new ones are made).
    let published: Vec<(String, Owner, Vec<u8>)> = entries
        .into_par_iter()
        .zip(spans)
        .map(|((path, owner, bytes), spans)| {
            let bytes = match spans {
                Some(spans) if names_any(&bytes, &spans, &names) => {
                    rewrite_owned(bytes, &spans, &names)
                }
                _ => bytes,
            };
            let path = names.get(&path).cloned().unwrap_or(path);
            (path, owner, bytes)
        })
        .collect();
    let mut renamed = Outputs::new();
    let mut problems = Vec::new();
    for (path, owner, bytes) in published {
        problems.extend(renamed.add(path, owner, bytes));
    }
    (renamed, names, problems)
}

/// Whether any reference at `spans` in `text` is to a file in `names`.
fn names_any(text: &[u8], spans: &[Span], names: &BTreeMap<String, String>) -> bool {
    spans.iter().any(|&(start, end)| {
        std::str::from_utf8(&text[start..end]).is_ok_and(|path| names.contains_key(path))
    })
}

fn outputs_hold(entries: &[(String, Owner, Vec<u8>)], path: &str) -> bool {
    entries
        .binary_search_by(|(p, _, _)| p.as_str().cmp(path))
        .is_ok()
}

/// The hashed name of each candidate, leaves first: a file is named once every file it refers to
/// is; files that refer to each other in a loop are named from what is known by then.
fn settle_names(
    entries: &[(String, Owner, Vec<u8>)],
    spans: &[Option<Spans>],
    candidates: &BTreeSet<String>,
    cache: &BuildCache,
) -> BTreeMap<String, String> {
    let files: BTreeMap<&str, (&[u8], &[Span])> = entries
        .iter()
        .zip(spans)
        .filter(|((path, _, _), _)| candidates.contains(path))
        .map(|((path, _, bytes), spans)| {
            let spans = spans.as_deref().unwrap_or(&[]);
            (path.as_str(), (bytes.as_slice(), spans))
        })
        .collect();
    let refers: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .map(|(path, (bytes, spans))| {
            let mut found = BTreeSet::new();
            for target in spans
                .iter()
                .filter_map(|&(s, e)| std::str::from_utf8(&bytes[s..e]).ok())
            {
                if candidates.contains(target) && target != *path {
                    found.insert(target.to_string());
                }
            }
            (*path, found)
        })
        .collect();
    let mut names = BTreeMap::new();
    while names.len() < files.len() {
        let ready: Vec<&str> = refers
            .iter()
            .filter(|(path, _)| !names.contains_key(**path))
            .filter(|(_, targets)| targets.iter().all(|t| names.contains_key(t)))
            .map(|(path, _)| *path)
            .collect();
        let next = if ready.is_empty() {
            let first = refers.keys().find(|p| !names.contains_key(**p));
            first.into_iter().copied().collect()
        } else {
            ready
        };
        // The files of one round name none of each other: hashed in parallel (the review
        // questions and search files of a long course are tens of MB each).
        let named: Vec<(String, String)> = next
            .par_iter()
            .map(|&path| {
                let (bytes, spans) = files[path];
                let bytes = match names_any(bytes, spans, &names) {
                    true => Cow::Owned(rewrite(bytes, spans, &names)),
                    false => Cow::Borrowed(bytes),
                };
                let hash = crate::content_hash::fnv1a_64(cache, &bytes);
                (path.to_string(), name_with_hash(path, hash))
            })
            .collect();
        names.extend(named);
    }
    names
}

/// Whether the file's text is read for references: khoa's own text files, pages, and theme files.
fn may_refer(path: &str, owner: &Owner) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    let generated = !matches!(owner, Owner::Author(_)) || path.starts_with(STATIC_PREFIX);
    TEXT.contains(&extension) && (generated || extension == "html")
}

/// `dir/name.HASH.ext` for `dir/name.ext`: eight hex digits of the content's FNV-1a 64.
pub fn hashed_name(path: &str, bytes: &[u8]) -> String {
    name_with_hash(path, crate::fingerprint::fnv1a_64(bytes.iter().copied()))
}

/// `dir/name.HASH.ext` for `dir/name.ext`, `hash` being the content's FNV-1a 64.
fn name_with_hash(path: &str, hash: u64) -> String {
    let hash = format!("{:08x}", hash >> 32);
    let (dir, file) = path.rsplit_once('/').map_or(("", path), |(d, f)| (d, f));
    let file = match file.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{stem}.{hash}.{extension}"),
        _ => format!("{file}.{hash}"),
    };
    if dir.is_empty() {
        file
    } else {
        format!("{dir}/{file}")
    }
}

/// `text` with each reference to a file in `names` replaced by its new name, as [`hash_names`]
/// rewrites it (`serve` gives a page rendered early the names of the last build).
pub fn rename(text: &[u8], base_url: Option<&str>, names: &BTreeMap<String, String>) -> Vec<u8> {
    rewrite(text, &References { base_url }.find(text), names)
}

/// `text` with each reference (at `spans`) to a file in `names` replaced by its new name.
fn rewrite(text: &[u8], spans: &[(usize, usize)], names: &BTreeMap<String, String>) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 64);
    let mut copied = 0;
    for &(start, end) in spans {
        let path = std::str::from_utf8(&text[start..end]).unwrap_or("");
        if let Some(new) = names.get(path) {
            out.extend_from_slice(&text[copied..start]);
            out.extend_from_slice(new.as_bytes());
            copied = end;
        }
    }
    out.extend_from_slice(&text[copied..]);
    out
}

/// [`rewrite`] on bytes it owns. Where no new name is shorter than the old (a hashed name adds its
/// hash), the text is moved within its own buffer, from the end, instead of copied into a new
/// one: publishing never holds a page twice, nor leaves the old copy's memory behind.
fn rewrite_owned(mut text: Vec<u8>, spans: &[Span], names: &BTreeMap<String, String>) -> Vec<u8> {
    let renamed: Vec<(usize, usize, &str)> = spans
        .iter()
        .filter_map(|&(start, end)| {
            let new = names.get(std::str::from_utf8(&text[start..end]).ok()?)?;
            Some((start, end, new.as_str()))
        })
        .collect();
    let growth = renamed.iter().try_fold(0, |sum: usize, (start, end, new)| {
        Some(sum + new.len().checked_sub(end - start)?)
    });
    let Some(growth) = growth else {
        return rewrite(&text, spans, names);
    };
    let old_len = text.len();
    text.reserve_exact(growth); // not doubled: every page of the site grows a little
    text.resize(old_len + growth, 0);
    // Right to left: the text after each name moves by the growth of the names up to it.
    let (mut shift, mut moved_from) = (growth, old_len);
    for &(start, end, new) in renamed.iter().rev() {
        text.copy_within(end..moved_from, end + shift);
        shift -= new.len() - (end - start);
        text[start + shift..start + shift + new.len()].copy_from_slice(new.as_bytes());
        moved_from = start;
    }
    text
}

/// How references are written: relative, or after the site's own `base_url`.
#[derive(Clone, Copy)]
struct References<'a> {
    base_url: Option<&'a str>,
}

impl References<'_> {
    /// Byte ranges of the whole `_khoa/…` paths in `text`.
    fn find(self, text: &[u8]) -> Vec<(usize, usize)> {
        references(text, self.base_url.unwrap_or("").as_bytes())
    }
}

/// Byte ranges of the whole `_khoa/…` paths in `text`, relative or after `base`.
fn references(text: &[u8], base: &[u8]) -> Vec<(usize, usize)> {
    let prefix = STATIC_PREFIX.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = find(&text[at..], prefix) {
        let start = at + offset;
        let end = start
            + text[start..]
                .iter()
                .take_while(|b| is_path_byte(**b))
                .count();
        at = end.max(start + 1);
        let opens = opened_by_quote(&text[..start], base);
        let closes = text.get(end).is_some_and(|b| b"\"')?#`".contains(b));
        if opens && closes {
            found.push((start, end));
        }
    }
    found
}

/// Whether the text before a path ends with a quote or `(`, then only `../` and `./` steps or
/// `base` (the site's `base_url`, when it is not empty).
fn opened_by_quote(before: &[u8], base: &[u8]) -> bool {
    let mut end = before.len();
    if !base.is_empty() && before.ends_with(base) {
        end -= base.len();
    }
    loop {
        if before[..end].ends_with(b"../") {
            end -= 3;
        } else if before[..end].ends_with(b"./") {
            end -= 2;
        } else {
            break;
        }
    }
    end > 0 && b"\"'(`".contains(&before[end - 1])
}

fn is_path_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-_./~%+".contains(&byte)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests;
