//! The two embedded NanumGothic faces: parsed once per process, with cached glyph widths and a
//! check that every character of a text has a glyph.
//!
//! printpdf draws a character that the font lacks as an empty box and says nothing, so every
//! string goes through [`substitute_missing_glyphs`] before it is measured or drawn.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use printpdf::ParsedFont;
use serde::{Deserialize, Serialize};

use crate::report::pdf::PdfError;

/// NanumGothic Regular, SIL OFL 1.1 (see `assets/fonts/OFL.txt`).
const NANUM_GOTHIC_REGULAR_BYTES: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");
/// NanumGothic Bold, SIL OFL 1.1 (see `assets/fonts/OFL.txt`).
const NANUM_GOTHIC_BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/NanumGothicBold.ttf");

/// Which of the two embedded faces a text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FontWeight {
    /// NanumGothic Regular.
    Regular,
    /// NanumGothic Bold.
    Bold,
}

impl FontWeight {
    /// The font's family and style name, as it appears in the PDF and in error messages.
    pub fn font_name(self) -> &'static str {
        match self {
            FontWeight::Regular => "NanumGothic",
            FontWeight::Bold => "NanumGothicBold",
        }
    }
}

/// A character's glyph in the font and its advance width in em.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CachedGlyph {
    glyph_index: u16,
    advance_em: f32,
}

/// One parsed face with the metrics the layout needs, all in em units (multiply by the size).
#[derive(Debug)]
pub struct ReportFont {
    weight: FontWeight,
    parsed_font: ParsedFont,
    units_per_em: f32,
    ascent_em: f32,
    descent_em: f32,
    notdef_advance_em: f32,
    /// Glyph and advance width of each character met so far, or `None` when the font has no
    /// glyph for it. Looking a character up in the font's cmap costs about a microsecond, far
    /// more than a map lookup, and a report measures and draws the same few hundred characters
    /// over and over. The cache is filled on demand because measuring all 11,172 Hangul
    /// syllables up front would add tens of milliseconds to every run.
    glyph_by_char: RwLock<HashMap<char, Option<CachedGlyph>>>,
}

impl ReportFont {
    fn from_embedded_bytes(weight: FontWeight, bytes: &[u8]) -> Option<ReportFont> {
        let mut parse_warnings = Vec::new();
        let parsed_font = ParsedFont::from_bytes(bytes, 0, &mut parse_warnings)?;
        let units_per_em = f32::from(parsed_font.pdf_font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return None;
        }
        let ascent_em = f32::from(parsed_font.pdf_font_metrics.ascender) / units_per_em;
        let descent_em = f32::from(parsed_font.pdf_font_metrics.descender).abs() / units_per_em;
        let notdef_advance_em = f32::from(parsed_font.get_horizontal_advance(0)) / units_per_em;
        Some(ReportFont {
            weight,
            parsed_font,
            units_per_em,
            ascent_em,
            descent_em,
            notdef_advance_em,
            glyph_by_char: RwLock::new(HashMap::with_capacity(512)),
        })
    }

    /// Which face this is.
    pub fn weight(&self) -> FontWeight {
        self.weight
    }

    /// The parsed face, for registering it with a printpdf document.
    pub fn parsed_font(&self) -> &ParsedFont {
        &self.parsed_font
    }

    /// Height above the baseline, as a fraction of the font size.
    pub fn ascent_em(&self) -> f32 {
        self.ascent_em
    }

    /// Depth below the baseline (a positive number), as a fraction of the font size.
    pub fn descent_em(&self) -> f32 {
        self.descent_em
    }

    /// True when the font has a glyph for `ch`.
    pub fn has_glyph(&self, ch: char) -> bool {
        self.cached_glyph(ch).is_some()
    }

    /// The glyph that draws `ch`, or `None` when the font has none.
    pub fn glyph_index(&self, ch: char) -> Option<u16> {
        self.cached_glyph(ch).map(|glyph| glyph.glyph_index)
    }

    /// The advance width of `ch` as a fraction of the font size. A character without a glyph
    /// is measured as the font's missing-glyph box, which is what a PDF viewer would draw.
    pub fn advance_em(&self, ch: char) -> f32 {
        self.cached_glyph(ch)
            .map_or(self.notdef_advance_em, |glyph| glyph.advance_em)
    }

    /// The width of `text` set at `size_pt`, in points. PDF text drawn with printpdf has no
    /// kerning, so the sum of the advances is exactly the drawn width.
    pub fn text_width_pt(&self, text: &str, size_pt: f32) -> f32 {
        // Take the read lock once for the whole text; only a text with characters not met
        // before goes the slower way, which fills the cache.
        if let Ok(cache) = self.glyph_by_char.read() {
            let mut total_em = 0.0_f32;
            let mut all_cached = true;
            for ch in text.chars() {
                match cache.get(&ch) {
                    Some(entry) => {
                        total_em += entry.map_or(self.notdef_advance_em, |glyph| glyph.advance_em)
                    }
                    None => {
                        all_cached = false;
                        break;
                    }
                }
            }
            if all_cached {
                return total_em * size_pt;
            }
        }
        text.chars().map(|ch| self.advance_em(ch)).sum::<f32>() * size_pt
    }

    fn cached_glyph(&self, ch: char) -> Option<CachedGlyph> {
        if let Some(entry) = self
            .glyph_by_char
            .read()
            .ok()
            .and_then(|cache| cache.get(&ch).copied())
        {
            return entry;
        }
        let measured = self
            .parsed_font
            .lookup_glyph_index(u32::from(ch))
            // Glyph 0 is the missing-glyph box, so a cmap that maps a character to it lacks it.
            .filter(|&glyph_index| glyph_index != 0)
            .map(|glyph_index| CachedGlyph {
                glyph_index,
                advance_em: f32::from(self.parsed_font.get_horizontal_advance(glyph_index))
                    / self.units_per_em,
            });
        // A poisoned lock only means another thread panicked while inserting; the measurement
        // above is still right, so it is returned either way.
        if let Ok(mut cache) = self.glyph_by_char.write() {
            cache.insert(ch, measured);
        }
        measured
    }
}

static NANUM_GOTHIC_REGULAR: OnceLock<Option<ReportFont>> = OnceLock::new();
static NANUM_GOTHIC_BOLD: OnceLock<Option<ReportFont>> = OnceLock::new();

/// The embedded face of the given weight, parsed on first use and kept for the whole process.
pub fn report_font(weight: FontWeight) -> Result<&'static ReportFont, PdfError> {
    let loaded = match weight {
        FontWeight::Regular => NANUM_GOTHIC_REGULAR
            .get_or_init(|| ReportFont::from_embedded_bytes(weight, NANUM_GOTHIC_REGULAR_BYTES)),
        FontWeight::Bold => NANUM_GOTHIC_BOLD
            .get_or_init(|| ReportFont::from_embedded_bytes(weight, NANUM_GOTHIC_BOLD_BYTES)),
    };
    loaded.as_ref().ok_or(PdfError::EmbeddedFontUnreadable {
        font_name: weight.font_name(),
    })
}

/// Parses both embedded faces, the bold one on a second thread, unless that was done before.
/// Parsing is most of the time a first report takes, and the two faces are independent, so on
/// a machine with two cores this nearly halves it. A long-running program can also call this at
/// start-up so that its first report is as fast as the next ones.
pub fn load_report_fonts() -> Result<(&'static ReportFont, &'static ReportFont), PdfError> {
    std::thread::scope(|scope| {
        let bold_loader = scope.spawn(|| report_font(FontWeight::Bold));
        let regular = report_font(FontWeight::Regular);
        // A panic while parsing is reported as an unreadable font rather than passed on.
        let bold = bold_loader
            .join()
            .unwrap_or(Err(PdfError::EmbeddedFontUnreadable {
                font_name: FontWeight::Bold.font_name(),
            }));
        Ok((regular?, bold?))
    })
}

/// Replacements for characters NanumGothic may lack, best first. A replacement is used only when
/// the font lacks the original character and has every character of the replacement.
fn substitutes_for(ch: char) -> &'static [&'static str] {
    match ch {
        // Minus sign, hyphens and dashes: NanumGothic has no U+2212.
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2043}' | '\u{FE63}' | '\u{FF0D}' => &["-"],
        '\u{2012}' | '\u{2013}' => &["\u{2013}", "-"],
        '\u{2014}' | '\u{2015}' => &["\u{2014}", "\u{2013}", "-"],
        // Quotation marks and primes.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => &["'"],
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => &["\""],
        '\u{2039}' => &["<"],
        '\u{203A}' => &[">"],
        // Ellipsis and bullets.
        '\u{2026}' => &["..."],
        '\u{2022}' | '\u{2219}' | '\u{25CF}' => &["\u{2022}", "\u{00B7}", "*"],
        '\u{2027}' | '\u{30FB}' => &["\u{00B7}", "."],
        // Spaces of every width become a plain space; the layout does its own spacing.
        '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => &[" "],
        // Invisible characters carry nothing a reader could see, so they are dropped.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => &[""],
        // Mathematical signs and arrows.
        '\u{00D7}' | '\u{2715}' => &["\u{00D7}", "x"],
        '\u{2264}' => &["<="],
        '\u{2265}' => &[">="],
        '\u{2260}' => &["!="],
        '\u{2248}' => &["~"],
        '\u{2192}' | '\u{27F6}' => &["\u{2192}", "->"],
        '\u{2190}' | '\u{27F5}' => &["\u{2190}", "<-"],
        '\u{2194}' => &["\u{2194}", "<->"],
        '\u{21D2}' => &["\u{21D2}", "=>"],
        '\u{2713}' | '\u{2714}' | '\u{2705}' => &["\u{2713}", "\u{221A}", "v"],
        '\u{301C}' | '\u{FF5E}' => &["~"],
        _ => &[],
    }
}

/// Returns `text` with every character the font lacks replaced by a known equivalent (U+2212
/// minus sign by '-', and so on), borrowing when nothing had to change. Tabs become spaces and
/// other control characters except '\n' are dropped, since they have no visible form.
///
/// Fails with [`PdfError::MissingGlyph`], naming the character and the text around it, when a
/// character has neither a glyph nor a substitute.
pub fn substitute_missing_glyphs<'text>(
    text: &'text str,
    font: &ReportFont,
) -> Result<Cow<'text, str>, PdfError> {
    let needs_change = |ch: char| (ch.is_control() && ch != '\n') || !font.has_glyph(ch);
    let Some(first_change) = text.find(|ch: char| needs_change(ch)) else {
        return Ok(Cow::Borrowed(text));
    };
    let mut substituted = String::with_capacity(text.len() + 8);
    substituted.push_str(&text[..first_change]);
    for (byte_offset, ch) in text[first_change..].char_indices() {
        if ch == '\n' || (!ch.is_control() && font.has_glyph(ch)) {
            substituted.push(ch);
            continue;
        }
        if ch == '\t' {
            substituted.push(' ');
            continue;
        }
        if ch.is_control() {
            continue;
        }
        let replacement = substitutes_for(ch)
            .iter()
            .find(|candidate| candidate.chars().all(|c| font.has_glyph(c)));
        match replacement {
            Some(replacement) => substituted.push_str(replacement),
            None => {
                return Err(PdfError::MissingGlyph {
                    ch,
                    font_name: font.weight().font_name(),
                    context: excerpt_around(text, first_change + byte_offset),
                });
            }
        }
    }
    Ok(Cow::Owned(substituted))
}

/// Up to twenty characters either side of the byte offset, so that an error message shows the
/// reader where in a long text the offending character is.
fn excerpt_around(text: &str, byte_offset: usize) -> String {
    const CHARACTERS_EACH_SIDE: usize = 20;
    let before: Vec<char> = text[..byte_offset]
        .chars()
        .rev()
        .take(CHARACTERS_EACH_SIDE)
        .collect();
    let after = text[byte_offset..].chars().take(CHARACTERS_EACH_SIDE + 1);
    let mut excerpt: String = before.into_iter().rev().collect();
    excerpt.extend(after);
    excerpt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_embedded_fonts_load_and_have_korean_and_latin_glyphs() {
        for weight in [FontWeight::Regular, FontWeight::Bold] {
            let font = report_font(weight).unwrap();
            for ch in ['가', '힣', '진', '단', 'A', 'z', '0', '%', '(', '·'] {
                assert!(font.has_glyph(ch), "{} lacks {ch:?}", weight.font_name());
            }
            assert!(font.ascent_em() > 0.5 && font.ascent_em() < 1.2);
            assert!(font.descent_em() > 0.0 && font.descent_em() < 0.5);
        }
    }

    #[test]
    fn text_width_grows_with_text_and_size() {
        let font = report_font(FontWeight::Regular).unwrap();
        let one = font.text_width_pt("진단", 10.0);
        assert!(one > 0.0);
        assert!((font.text_width_pt("진단진단", 10.0) - 2.0 * one).abs() < 1e-3);
        assert!((font.text_width_pt("진단", 20.0) - 2.0 * one).abs() < 1e-3);
        assert_eq!(font.text_width_pt("", 10.0), 0.0);
    }

    #[test]
    fn minus_sign_is_replaced_by_hyphen_minus() {
        let font = report_font(FontWeight::Regular).unwrap();
        assert!(!font.has_glyph('\u{2212}'));
        let substituted = substitute_missing_glyphs("점수 변화 \u{2212}12", font).unwrap();
        assert_eq!(substituted, "점수 변화 -12");
    }

    #[test]
    fn text_the_font_covers_is_borrowed_unchanged() {
        let font = report_font(FontWeight::Bold).unwrap();
        let text = "디지털 전환 수준 (Level 3) – 50%\n다음 줄";
        assert!(matches!(
            substitute_missing_glyphs(text, font).unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn invisible_and_control_characters_are_dropped_and_tabs_become_spaces() {
        let font = report_font(FontWeight::Regular).unwrap();
        let substituted =
            substitute_missing_glyphs("a\u{200B}b\tc\u{0007}d\u{2009}e\u{00A0}f", font).unwrap();
        // The no-break space is in the font and is kept, so the wrapping keeps "e f" together.
        assert_eq!(substituted, "ab cd e\u{00A0}f");
    }

    #[test]
    fn a_character_without_glyph_or_substitute_is_named_in_the_error() {
        let font = report_font(FontWeight::Regular).unwrap();
        // U+1F600 is an emoji, which NanumGothic does not have and nothing stands in for.
        let error = substitute_missing_glyphs("보고서 \u{1F600} 끝", font).unwrap_err();
        match &error {
            PdfError::MissingGlyph { ch, context, .. } => {
                assert_eq!(*ch, '\u{1F600}');
                assert_eq!(context, "보고서 \u{1F600} 끝");
            }
            other => panic!("unexpected error {other:?}"),
        }
        assert!(error.to_string().contains("U+1F600"), "{error}");
    }
}
