//! Articles from text PDFs.
//!
//! `pdf-extract` (on `lopdf`) gives each page's text in reading order; [`layout`] drops the
//! running headers, footers and page numbers, joins lines into paragraphs across line and page
//! breaks and undoes hyphenation at line ends. A PDF without a text layer (a scan) is refused.
//! Pure: bytes in, values out.

pub mod layout;

use crate::formats::html::{ExtractedArticle, ParagraphKind};

/// Why a PDF gave no article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    /// The pages have no text to extract: only images, as a scanner makes them.
    #[error("this PDF has no text layer (a scan?): claimlens cannot read it")]
    NoTextLayer,
    /// The file is not a PDF that can be read (damaged, encrypted, or not a PDF at all).
    #[error("cannot read this PDF: {0}")]
    Unreadable(String),
}

/// Extracts the article text of a PDF. The title is the first paragraph when it is a heading.
pub fn extract(pdf_bytes: &[u8]) -> Result<ExtractedArticle, PdfError> {
    let pages = page_texts(pdf_bytes)?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(PdfError::NoTextLayer);
    }
    let paragraphs = layout::paragraphs(&pages);
    let title = paragraphs.first().filter(|p| p.kind == ParagraphKind::Heading).map(|p| p.text.clone()).unwrap_or_default();
    Ok(ExtractedArticle { title, paragraphs, encoding: "PDF", ..ExtractedArticle::default() })
}

/// Each page's text. The PDF parser can panic on damaged files; that becomes an error here.
fn page_texts(pdf_bytes: &[u8]) -> Result<Vec<String>, PdfError> {
    if !pdf_bytes.starts_with(b"%PDF") && !pdf_bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(PdfError::Unreadable("the file does not start like a PDF".to_owned()));
    }
    let bytes = pdf_bytes.to_vec();
    let result = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem_by_pages(&bytes));
    match result {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(PdfError::Unreadable(e.to_string())),
        Err(_) => Err(PdfError::Unreadable("the PDF's structure is damaged".to_owned())),
    }
}
