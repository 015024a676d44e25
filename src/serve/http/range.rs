//! Byte ranges of a non-HTML output (what audio and video players ask for), parsed by
//! `http-range-header`: one satisfiable range gives 206, an unsatisfiable one 416, anything else
//! (no `Range`, several ranges, an `If-Range`, a malformed header) the whole file with 200.

use super::typed;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use http_range_header::RangeUnsatisfiableError;
use std::ops::RangeInclusive;

/// The answer for `bytes` of type `content_type` under the request's `headers`.
pub fn respond(bytes: &[u8], content_type: &str, headers: &HeaderMap) -> Response {
    let size = bytes.len() as u64;
    let mut response = match wanted(headers, size) {
        Wanted::Whole => typed(StatusCode::OK, content_type, bytes.to_vec()),
        Wanted::Part(range) => {
            let (start, end) = (*range.start(), *range.end());
            let part = bytes[start as usize..=end as usize].to_vec();
            let mut response = typed(StatusCode::PARTIAL_CONTENT, content_type, part);
            set(
                &mut response,
                header::CONTENT_RANGE,
                &format!("bytes {start}-{end}/{size}"),
            );
            response
        }
        Wanted::Unsatisfiable => {
            let mut response = super::text(StatusCode::RANGE_NOT_SATISFIABLE);
            set(
                &mut response,
                header::CONTENT_RANGE,
                &format!("bytes */{size}"),
            );
            response
        }
    };
    set(&mut response, header::ACCEPT_RANGES, "bytes");
    response
}

/// What part of a file of `size` bytes the request asks for.
#[derive(Debug, PartialEq)]
enum Wanted {
    Whole,
    Part(RangeInclusive<u64>),
    Unsatisfiable,
}

fn wanted(headers: &HeaderMap, size: u64) -> Wanted {
    // No validators are sent, so an `If-Range` can never match: the whole file, as RFC 9110 says.
    if headers.contains_key(header::IF_RANGE) {
        return Wanted::Whole;
    }
    let Some(value) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        return Wanted::Whole;
    };
    let ranges = http_range_header::parse_range_header(value).and_then(|r| r.validate(size));
    match ranges {
        Ok(ranges) if ranges.len() == 1 => Wanted::Part(ranges[0].clone()),
        Ok(_) => Wanted::Whole,
        Err(RangeUnsatisfiableError::Unsatisfiable) => Wanted::Unsatisfiable,
        Err(_) => Wanted::Whole,
    }
}

fn set(response: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted_for(range: &str, size: u64) -> Wanted {
        let mut headers = HeaderMap::new();
        headers.insert(header::RANGE, HeaderValue::from_str(range).unwrap());
        wanted(&headers, size)
    }

    #[test]
    fn one_range_is_a_part_and_the_rest_is_the_whole_file() {
        assert_eq!(wanted_for("bytes=0-9", 100), Wanted::Part(0..=9));
        assert_eq!(wanted_for("bytes=90-", 100), Wanted::Part(90..=99));
        assert_eq!(wanted_for("bytes=-5", 100), Wanted::Part(95..=99));
        assert_eq!(wanted_for("bytes=0-1,5-6", 100), Wanted::Whole);
        assert_eq!(wanted_for("lines=1-2", 100), Wanted::Whole);
        assert_eq!(wanted_for("bytes=200-", 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(&HeaderMap::new(), 100), Wanted::Whole);
    }

    #[test]
    fn an_if_range_is_never_matched() {
        let mut headers = HeaderMap::new();
        headers.insert(header::RANGE, HeaderValue::from_static("bytes=0-1"));
        headers.insert(header::IF_RANGE, HeaderValue::from_static("\"x\""));
        assert_eq!(wanted(&headers, 10), Wanted::Whole);
    }

    #[test]
    fn parts_carry_their_content_range() {
        let mut headers = HeaderMap::new();
        headers.insert(header::RANGE, HeaderValue::from_static("bytes=2-4"));
        let response = respond(b"0123456789", "audio/mpeg", &headers);
        assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(response.headers()[header::CONTENT_RANGE], "bytes 2-4/10");
        assert_eq!(response.headers()[header::ACCEPT_RANGES], "bytes");
    }
}
