//! The shop's logo, checked before any writer sees it (docx-rs and PDF writers must never be
//! handed bytes that are not an image).

use crate::DocumentError;

/// A PNG or JPEG image whose header and size were read.
pub struct Logo<'a> {
    pub bytes: &'a [u8],
    pub png: bool,
    pub width: u32,
    pub height: u32,
}

impl<'a> Logo<'a> {
    pub fn read(bytes: &'a [u8]) -> Result<Logo<'a>, DocumentError> {
        let bad = |why: &str| DocumentError::Logo(why.to_owned());
        let png = match imagesize::image_type(bytes).map_err(|e| bad(&e.to_string()))? {
            imagesize::ImageType::Png => true,
            imagesize::ImageType::Jpeg => false,
            other => return Err(bad(&format!("it is {other:?}"))),
        };
        let size = imagesize::blob_size(bytes).map_err(|e| bad(&e.to_string()))?;
        let (width, height) = (size.width as u32, size.height as u32);
        if width == 0 || height == 0 || width > 10_000 || height > 10_000 {
            return Err(bad(&format!("{width}×{height} pixels")));
        }
        // The whole image must decode, not only its header.
        let data = krilla::Data::from(bytes.to_vec());
        let decoded = if png {
            krilla::image::Image::from_png(data, true)
        } else {
            krilla::image::Image::from_jpeg(data, true)
        };
        if decoded.is_err() {
            return Err(bad("it does not decode"));
        }
        Ok(Logo {
            bytes,
            png,
            width,
            height,
        })
    }
}
