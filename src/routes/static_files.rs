//! `/static/…`: the files under static/, compiled into the binary by build.rs, so one file and
//! its settings are a deployment. Each has its content type and a strong ETag of its bytes;
//! browsers revalidate (`Cache-Control: no-cache`) and get a 304 while it is unchanged. A name
//! is looked up, never joined to a directory, so no path leads outside the list: anything else is
//! a 404.

use actix_web::{
    HttpRequest, HttpResponse,
    http::header::{self, CacheControl, CacheDirective, ETag, EntityTag, Header, IfNoneMatch},
    web,
};
use sha2::{Digest, Sha256};
use std::{collections::HashMap, sync::LazyLock};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/static_files.rs"));
}

struct Asset {
    bytes: &'static [u8],
    content_type: &'static str,
    etag: EntityTag,
}

static ASSETS: LazyLock<HashMap<&'static str, Asset>> = LazyLock::new(|| {
    embedded::FILES
        .iter()
        .map(|(name, bytes)| {
            let digest = Sha256::digest(bytes);
            let asset = Asset {
                bytes,
                content_type: content_type(name).unwrap_or("application/octet-stream"),
                etag: EntityTag::new_strong(crate::domain::token::hex(&digest[..16])),
            };
            (*name, asset)
        })
        .collect()
});

/// The content type of a name under static/, by its extension.
fn content_type(name: &str) -> Option<&'static str> {
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        "json" | "map" => "application/json",
        _ => return None,
    })
}

/// GET and HEAD `/static/{name}`.
pub async fn show(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    let Some(asset) = ASSETS.get(name.as_str()) else {
        return HttpResponse::NotFound().finish();
    };
    let unchanged = match req.headers().get(header::IF_NONE_MATCH) {
        None => false,
        Some(_) => match IfNoneMatch::parse(&req) {
            Ok(IfNoneMatch::Any) => true,
            Ok(IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(&asset.etag)),
            Err(_) => false,
        },
    };
    let mut res = match unchanged {
        true => HttpResponse::NotModified(),
        false => HttpResponse::Ok(),
    };
    res.insert_header(ETag(asset.etag.clone()))
        .insert_header(CacheControl(vec![CacheDirective::NoCache]));
    match unchanged {
        true => res.finish(),
        false => res
            .content_type(asset.content_type)
            .body(web::Bytes::from_static(asset.bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_static_file_is_embedded_with_a_known_content_type() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
        let on_disk = std::fs::read_dir(dir).unwrap().count();
        assert!(on_disk >= 3 && ASSETS.len() >= on_disk, "{}", ASSETS.len());
        for name in ASSETS.keys() {
            assert!(content_type(name).is_some(), "static/{name}: add its type");
        }
        assert_eq!(ASSETS["app.css"].content_type, "text/css; charset=utf-8");
    }
}
