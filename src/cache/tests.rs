use super::*;

const NS: Namespace = named("test");

const fn named(name: &'static str) -> Namespace {
    Namespace { name, version: "1" }
}

fn key(n: u32) -> CacheKey {
    CacheKey::of(&[&n.to_le_bytes()])
}

fn value(n: u32) -> Vec<u8> {
    format!("value of {n} ")
        .repeat(n as usize % 7 + 1)
        .into_bytes()
}

fn cache(dir: &Path) -> BuildCache {
    BuildCache::open(&CacheSettings::in_dir(dir))
}

fn shard_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(NS.name))
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn entries_survive_between_builds() {
    let dir = tempfile::tempdir().unwrap();
    let first = cache(dir.path());
    assert_eq!(first.get(&NS, &key(1)), None);
    first.put(&NS, &key(1), &value(1));
    first.finish().unwrap();
    let second = cache(dir.path());
    assert_eq!(second.get(&NS, &key(1)), Some(value(1)));
    assert_eq!(second.get(&NS, &key(2)), None);
}

#[test]
fn keys_separate_their_parts() {
    assert_ne!(CacheKey::of(&[b"ab", b"c"]), CacheKey::of(&[b"a", b"bc"]));
    assert_eq!(CacheKey::of(&[b"ab", b"c"]), CacheKey::of(&[b"ab", b"c"]));
}

#[test]
fn entries_the_last_build_did_not_use_are_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let first = cache(dir.path());
    for n in 0..50 {
        first.put(&NS, &key(n), &value(n));
    }
    first.finish().unwrap();
    let second = cache(dir.path());
    assert!(second.get(&NS, &key(7)).is_some());
    second.finish().unwrap();
    assert_eq!(
        shard_files(dir.path()).len(),
        1,
        "only key 7's shard is left"
    );
    let third = cache(dir.path());
    assert_eq!(third.get(&NS, &key(7)), Some(value(7)));
    for n in (0..50).filter(|n| *n != 7) {
        assert_eq!(third.get(&NS, &key(n)), None, "{n} was not used, yet kept");
    }
}

#[test]
fn a_build_that_changes_nothing_rewrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = cache(dir.path());
    first.put(&NS, &key(3), &value(3));
    first.finish().unwrap();
    let file = shard_files(dir.path()).pop().unwrap();
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = cache(dir.path());
    second.get(&NS, &key(3)).unwrap();
    second.put(&NS, &key(3), &value(3));
    second.finish().unwrap();
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn the_size_bound_holds() {
    let dir = tempfile::tempdir().unwrap();
    let settings = CacheSettings {
        max_bytes: 1000,
        ..CacheSettings::in_dir(dir.path())
    };
    let first = BuildCache::open(&settings);
    for n in 0..100 {
        first.put(&NS, &key(n), &[n as u8; 100]);
    }
    first.finish().unwrap();
    let second = BuildCache::open(&settings);
    let kept = (0..100)
        .filter(|n| second.get(&NS, &key(*n)).is_some())
        .count();
    assert_eq!(
        kept, 9,
        "each entry takes 101 bytes: too short to compress, stored after a tag"
    );
}

#[test]
fn truncated_corrupt_and_foreign_files_are_ignored_and_rewritten() {
    type Spoil = fn(&mut Vec<u8>);
    let spoilers: [(&str, Spoil); 5] = [
        ("truncated", |b| b.truncate(b.len() / 2)),
        ("empty", |b| b.clear()),
        ("one bit flipped", |b| {
            let middle = b.len() / 2;
            b[middle] ^= 1;
        }),
        ("another khoa", |b| {
            let at = b.windows(5).position(|w| w == b"0.1.0").unwrap_or(15);
            b[at] = b'9';
        }),
        ("not a cache file", |b| *b = b"hello".repeat(40)),
    ];
    for (what, spoil) in spoilers {
        let dir = tempfile::tempdir().unwrap();
        let first = cache(dir.path());
        first.put(&NS, &key(5), &value(5));
        first.finish().unwrap();
        let file = shard_files(dir.path()).pop().unwrap();
        let mut bytes = std::fs::read(&file).unwrap();
        spoil(&mut bytes);
        std::fs::write(&file, &bytes).unwrap();

        let second = cache(dir.path());
        assert_eq!(second.get(&NS, &key(5)), None, "{what} file trusted");
        second.put(&NS, &key(5), &value(5));
        second.finish().unwrap();
        assert_ne!(std::fs::read(&file).unwrap(), bytes, "{what} file kept");
        assert_eq!(
            cache(dir.path()).get(&NS, &key(5)),
            Some(value(5)),
            "{what}"
        );
    }
}

#[test]
fn long_entries_are_stored_compressed_and_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let first = cache(dir.path());
    let page = "<p>Bài học về <code>mật khẩu</code></p>\n"
        .repeat(500)
        .into_bytes();
    let short = b"short".to_vec();
    first.put(&NS, &key(1), &page);
    first.put(&NS, &key(2), &short);
    first.finish().unwrap();
    let on_disk: u64 = shard_files(dir.path())
        .iter()
        .map(|file| file.metadata().unwrap().len())
        .sum();
    assert!(on_disk < page.len() as u64 / 10, "{on_disk} bytes on disk");
    let second = cache(dir.path());
    assert_eq!(second.get(&NS, &key(1)), Some(page.clone()));
    assert_eq!(
        second.read(&NS, &key(1), |b| Some(b.len())),
        Some(page.len())
    );
    assert_eq!(second.get(&NS, &key(2)), Some(short));
}

#[test]
fn reads_through_one_thread_s_buffer_give_each_entry_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let first = cache(dir.path());
    // Compressible entries, longest first: each read must see its own bytes, never the tail of
    // a longer entry read before it into the same buffer.
    let entries: Vec<Vec<u8>> = [900, 300, 600, 40]
        .iter()
        .map(|&n| format!("<p>đoạn {n}</p>").repeat(n).into_bytes())
        .collect();
    for (n, bytes) in entries.iter().enumerate() {
        first.put(&NS, &key(n as u32), bytes);
    }
    first.finish().unwrap();
    let second = cache(dir.path());
    for _ in 0..2 {
        for (n, bytes) in entries.iter().enumerate() {
            let read = second.read(&NS, &key(n as u32), |b| Some(b.to_vec()));
            assert_eq!(read.as_ref(), Some(bytes), "entry {n}");
        }
    }
}

#[test]
fn a_read_inside_a_read_sees_both_entries_whole() {
    let dir = tempfile::tempdir().unwrap();
    let first = cache(dir.path());
    let shard = |k: &CacheKey| (k.0 >> 120) as usize % SHARDS;
    // Another shard: a decoder may read the cache again, never the shard it is reading.
    let other = (1..).map(key).find(|k| shard(k) != shard(&key(0))).unwrap();
    let (outer, inner) = ("ngoài ".repeat(400), "trong ".repeat(300));
    first.put(&NS, &key(0), outer.as_bytes());
    first.put(&NS, &other, inner.as_bytes());
    first.finish().unwrap();
    let second = cache(dir.path());
    let nested = second.read(&NS, &key(0), |outer| {
        let inner = second.read(&NS, &other, |b| Some(b.to_vec()))?;
        Some((outer.to_vec(), inner))
    });
    assert_eq!(nested, Some((outer.into_bytes(), inner.into_bytes())));
}

#[test]
fn another_version_of_a_namespace_is_foreign() {
    let dir = tempfile::tempdir().unwrap();
    let first = cache(dir.path());
    first.put(&NS, &key(1), &value(1));
    first.finish().unwrap();
    let newer = Namespace { version: "2", ..NS };
    assert_eq!(cache(dir.path()).get(&newer, &key(1)), None);
}

#[test]
fn unused_namespaces_are_removed_and_other_files_kept() {
    let dir = tempfile::tempdir().unwrap();
    let old = named("old");
    let first = cache(dir.path());
    first.put(&old, &key(1), &value(1));
    first.put(&NS, &key(1), &value(1));
    first.finish().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let second = cache(dir.path());
    second.get(&NS, &key(1)).unwrap();
    second.finish().unwrap();
    assert!(!dir.path().join("old").exists());
    assert!(dir.path().join("notes.txt").exists());
    assert_eq!(shard_files(dir.path()).len(), 1);
}

#[test]
fn a_namespace_held_back_is_saved_last_even_if_first_used_in_between() {
    let dir = tempfile::tempdir().unwrap();
    let stamp = named("stamp");
    let old = named("old");
    let first = cache(dir.path());
    first.put(&old, &key(1), &value(1));
    first.finish().unwrap();
    let second = cache(dir.path());
    second.put(&NS, &key(1), &value(1));
    let later = second.finish_but(&[&stamp]).unwrap();
    assert_eq!(shard_files(dir.path()).len(), 1, "saved before the rest");
    assert!(dir.path().join("old").exists(), "pruned only at the end");
    assert!(!dir.path().join("stamp").exists());
    second.put(&stamp, &key(2), &value(2));
    later.finish().unwrap();
    assert!(!dir.path().join("old").exists());
    let third = cache(dir.path());
    assert_eq!(third.get(&stamp, &key(2)), Some(value(2)));
    assert_eq!(third.get(&NS, &key(1)), Some(value(1)));
}

#[test]
fn a_namespace_held_back_keeps_its_room_within_the_size_bound() {
    let dir = tempfile::tempdir().unwrap();
    let settings = CacheSettings {
        max_bytes: 1000,
        ..CacheSettings::in_dir(dir.path())
    };
    let stamp = named("stamp");
    let build = |round: u8| {
        let cache = BuildCache::open(&settings);
        cache.get(&stamp, &key(0));
        for n in 0..100 {
            cache.put(&NS, &key(n), &[round; 100]);
        }
        let later = cache.finish_but(&[&stamp]).unwrap();
        cache.put(&stamp, &key(0), &[round; 100]);
        later.finish().unwrap();
    };
    build(1);
    build(2);
    let third = BuildCache::open(&settings);
    assert_eq!(third.get(&stamp, &key(0)), Some(vec![2; 100]));
    let kept = (0..100).filter(|n| third.get(&NS, &key(*n)).is_some());
    assert_eq!(
        kept.count(),
        8,
        "9 entries of 101 bytes fit, one of them the stamp"
    );
}

#[test]
fn shards_of_an_older_layout_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let first = cache(dir.path());
    first.put(&NS, &key(1), &value(1));
    first.finish().unwrap();
    let space = dir.path().join(NS.name);
    let beyond = format!("{:02x}.pack", SHARDS);
    for name in [
        beyond.as_str(),
        "ff.pack",
        "FF.pack",
        "ff.pack.bak",
        ".ff.pack.123.tmp",
    ] {
        std::fs::write(space.join(name), "old").unwrap();
    }
    let second = cache(dir.path());
    assert_eq!(second.get(&NS, &key(1)), Some(value(1)));
    second.finish().unwrap();
    let names: Vec<String> = shard_files(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    assert!(!names.contains(&beyond), "{names:?}");
    assert!(!names.contains(&"ff.pack".to_string()), "{names:?}");
    for kept in ["FF.pack", "ff.pack.bak", ".ff.pack.123.tmp"] {
        assert!(
            names.contains(&kept.to_string()),
            "{kept} removed: {names:?}"
        );
    }
}

#[test]
fn a_disabled_cache_misses_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let off = BuildCache::open(&CacheSettings::for_project(dir.path(), None, true));
    off.put(&NS, &key(1), &value(1));
    assert_eq!(off.get(&NS, &key(1)), None);
    off.finish().unwrap();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn builds_running_at_once_never_corrupt_it() {
    let dir = tempfile::tempdir().unwrap();
    std::thread::scope(|scope| {
        for builder in 0..4u32 {
            let dir = dir.path();
            scope.spawn(move || {
                for round in 0..15u32 {
                    let cache = cache(dir);
                    for n in 0..300 {
                        let n = (n * 7 + builder * 31 + round * 13) % 400;
                        match cache.get(&NS, &key(n)) {
                            Some(bytes) => assert_eq!(bytes, value(n)),
                            None => cache.put(&NS, &key(n), &value(n)),
                        }
                    }
                    cache.finish().unwrap();
                }
            });
        }
    });
    let after = cache(dir.path());
    let mut hits = 0;
    for n in 0..400 {
        if let Some(bytes) = after.get(&NS, &key(n)) {
            assert_eq!(bytes, value(n));
            hits += 1;
        }
    }
    assert!(hits > 0);
    for file in shard_files(dir.path()) {
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        assert!(name.ends_with(".pack"), "temporary file left: {name}");
    }
}
