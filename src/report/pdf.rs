//! The PDF drawing layer of the report: an A4 document that content flows into from top to
//! bottom, breaking pages by itself, with headings, wrapped paragraphs, tables, badges, score
//! bars, a radar chart, a phase timeline and a footer on every page.
//!
//! Every element is first prepared (glyphs checked, text wrapped, sizes measured) and only then
//! drawn, so an element that fails leaves the document exactly as it was.
//!
//! Lengths in the public API are in millimetres and font sizes in points. Inside, everything is
//! in points measured from the top of the page; the conversion to PDF's bottom-up coordinates
//! happens only where an operation is emitted.

use std::borrow::Cow;

use chrono::{Datelike, Timelike};
use printpdf::{
    Codepoint, Color, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, Line, LineCapStyle,
    LineDashPattern, LineJoinStyle, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Polygon, PolygonRing, Pt,
    Rgb, TextItem, WindingOrder,
};

use crate::report::chart::{
    ChartError, LabelHorizontalAlignment, LabelVerticalAlignment, RadarGeometry, RadarPoint,
    radar_geometry,
};
pub use crate::report::fonts::FontWeight;
use crate::report::fonts::{ReportFont, load_report_fonts, substitute_missing_glyphs};
use crate::report::layout::wrap_text;

/// Points per millimetre.
const POINTS_PER_MM: f32 = 72.0 / 25.4;

/// The resource name of the graphics state that makes the current radar series see-through.
const RADAR_FILL_GRAPHICS_STATE: &str = "RadarFill";
/// Opacity of the current series' fill, low enough for the grid to show through.
const RADAR_FILL_ALPHA: f32 = 0.22;

/// The largest number of series one radar chart can show and still be read.
pub const RADAR_MAX_SERIES: usize = 3;

/// Converts millimetres to points.
pub fn mm_to_pt(length_mm: f32) -> f32 {
    length_mm * POINTS_PER_MM
}

/// Everything that can go wrong while building or writing a report PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A character has no glyph in the font and no known substitute.
    #[error(
        "the {font_name} font has no glyph for {ch:?} (U+{code:04X}) and nothing can stand in for it, in \"{context}\"",
        code = u32::from(*.ch)
    )]
    MissingGlyph {
        /// The character.
        ch: char,
        /// The font that lacks it.
        font_name: &'static str,
        /// The text around the character, so it can be found in the input.
        context: String,
    },
    /// An embedded font file could not be parsed; the build shipped a broken asset.
    #[error("the embedded font {font_name} could not be read")]
    EmbeddedFontUnreadable {
        /// The font's name.
        font_name: &'static str,
    },
    /// The radar chart's geometry could not be computed.
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// More radar series than can be told apart.
    #[error("a radar chart shows at most {RADAR_MAX_SERIES} series, not {count}")]
    TooManyRadarSeries {
        /// The number of series given.
        count: usize,
    },
    /// A table without columns.
    #[error("a table needs at least one column")]
    TableWithoutColumns,
    /// A table row whose number of cells differs from the number of columns.
    #[error("table row {row_index} has {found} cells but the table has {expected} columns")]
    TableRowLengthMismatch {
        /// Position of the row, from 0.
        row_index: usize,
        /// The number of columns.
        expected: usize,
        /// The number of cells in the row.
        found: usize,
    },
    /// A phase timeline without phases.
    #[error("a phase timeline needs at least one phase")]
    TimelineWithoutPhases,
    /// A timeline item that starts after it ends or runs past the last phase.
    #[error(
        "timeline item \"{item_label}\" spans phases {first_phase} to {last_phase}, but the timeline has phases 0 to {}",
        .phase_count.saturating_sub(1)
    )]
    TimelineItemOutOfRange {
        /// The item's label.
        item_label: String,
        /// The first phase asked for.
        first_phase: usize,
        /// The last phase asked for.
        last_phase: usize,
        /// The number of phases.
        phase_count: usize,
    },
    /// printpdf reported an error while writing the file.
    #[error("the PDF could not be written: {message}")]
    Serialization {
        /// printpdf's messages, joined.
        message: String,
    },
}

/// An sRGB colour with 8-bit channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportColor {
    /// Red, 0 to 255.
    pub red: u8,
    /// Green, 0 to 255.
    pub green: u8,
    /// Blue, 0 to 255.
    pub blue: u8,
}

impl ReportColor {
    /// A colour from its three channels.
    pub const fn from_rgb(red: u8, green: u8, blue: u8) -> ReportColor {
        ReportColor { red, green, blue }
    }

    /// The deep blue of headings, the current radar series and filled bars.
    pub const PRIMARY: ReportColor = ReportColor::from_rgb(0x1F, 0x3F, 0x77);
    /// A pale tint of the primary blue for table headers and backgrounds.
    pub const PRIMARY_TINT: ReportColor = ReportColor::from_rgb(0xE6, 0xED, 0xF7);
    /// Body text: near black, softer than pure black on paper.
    pub const TEXT: ReportColor = ReportColor::from_rgb(0x1F, 0x29, 0x33);
    /// Secondary information: captions, keys, footers.
    pub const SECONDARY_TEXT: ReportColor = ReportColor::from_rgb(0x6B, 0x72, 0x80);
    /// Thin rules and grid lines.
    pub const RULE: ReportColor = ReportColor::from_rgb(0xCF, 0xD5, 0xDD);
    /// The empty part of a score bar and chart backgrounds.
    pub const TRACK: ReportColor = ReportColor::from_rgb(0xEE, 0xF1, 0xF5);
    /// White, for text on coloured badges.
    pub const WHITE: ReportColor = ReportColor::from_rgb(0xFF, 0xFF, 0xFF);
    /// The previous assessment in comparisons.
    pub const PREVIOUS: ReportColor = ReportColor::from_rgb(0x7C, 0x86, 0x93);
    /// The peer benchmark in comparisons: a muted amber that reads apart from the blue.
    pub const BENCHMARK: ReportColor = ReportColor::from_rgb(0xC9, 0x7B, 0x22);

    fn to_pdf_color(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.red) / 255.0,
            g: f32::from(self.green) / 255.0,
            b: f32::from(self.blue) / 255.0,
            icc_profile: None,
        })
    }
}

/// Paper size and margins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    /// Paper width.
    pub width_mm: f32,
    /// Paper height.
    pub height_mm: f32,
    /// Space above the content.
    pub margin_top_mm: f32,
    /// Space below the content; the footer is drawn inside it.
    pub margin_bottom_mm: f32,
    /// Space left of the content.
    pub margin_left_mm: f32,
    /// Space right of the content.
    pub margin_right_mm: f32,
}

impl PageSetup {
    /// A4 portrait with 20 mm side margins and room for the footer at the bottom.
    pub fn a4_portrait() -> PageSetup {
        PageSetup {
            width_mm: 210.0,
            height_mm: 297.0,
            margin_top_mm: 20.0,
            margin_bottom_mm: 22.0,
            margin_left_mm: 20.0,
            margin_right_mm: 20.0,
        }
    }
}

/// The document information a PDF reader shows in its properties dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportMetadata {
    /// Title.
    pub title: String,
    /// Author, e.g. the consultant or the firm.
    pub author: String,
    /// Subject, e.g. "디지털·AI 성숙도 진단 보고서".
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// When the report was made; passed in so that building a report never reads the clock.
    pub creation_date: chrono::DateTime<chrono::FixedOffset>,
}

/// The line at the bottom of every page.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFooter {
    /// Text on the left, e.g. the report's short data fingerprint.
    pub left_text: String,
    /// Text on the right, where "{page}" becomes the page number and "{pages}" the page count,
    /// e.g. "{page} / {pages}".
    pub page_number_format: String,
}

/// Horizontal placement of text in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAlignment {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Regular or bold.
    pub weight: FontWeight,
    /// Font size.
    pub size_pt: f32,
    /// Text colour.
    pub color: ReportColor,
    /// Distance between baselines as a multiple of the size.
    pub line_height_factor: f32,
    /// Horizontal placement of each line.
    pub alignment: TextAlignment,
    /// Space after the paragraph.
    pub space_after_mm: f32,
}

impl TextStyle {
    /// Body text: 10 pt regular, with the generous leading Korean text needs.
    pub fn body() -> TextStyle {
        TextStyle {
            weight: FontWeight::Regular,
            size_pt: 10.0,
            color: ReportColor::TEXT,
            line_height_factor: 1.6,
            alignment: TextAlignment::Left,
            space_after_mm: 2.5,
        }
    }

    /// Body text in bold.
    pub fn body_bold() -> TextStyle {
        TextStyle {
            weight: FontWeight::Bold,
            ..TextStyle::body()
        }
    }

    /// Smaller grey text for notes and sources.
    pub fn secondary() -> TextStyle {
        TextStyle {
            size_pt: 8.5,
            color: ReportColor::SECONDARY_TEXT,
            line_height_factor: 1.5,
            space_after_mm: 2.0,
            ..TextStyle::body()
        }
    }

    /// The same style at another size.
    pub fn with_size(self, size_pt: f32) -> TextStyle {
        TextStyle { size_pt, ..self }
    }

    /// The same style in another colour.
    pub fn with_color(self, color: ReportColor) -> TextStyle {
        TextStyle { color, ..self }
    }

    /// The same style with another alignment.
    pub fn with_alignment(self, alignment: TextAlignment) -> TextStyle {
        TextStyle { alignment, ..self }
    }

    /// The same style with another space after the paragraph.
    pub fn with_space_after_mm(self, space_after_mm: f32) -> TextStyle {
        TextStyle {
            space_after_mm,
            ..self
        }
    }
}

/// The three heading levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingLevel {
    /// A chapter: large, blue, underlined, and listed in the PDF outline.
    One,
    /// A section: blue.
    Two,
    /// A subsection: dark text.
    Three,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableColumn {
    /// Header text.
    pub header: String,
    /// Share of the table width, relative to the other columns' weights.
    pub width_weight: f32,
    /// Placement of the text in the column's cells.
    pub alignment: TextAlignment,
}

/// A table: a header row and rows of plain text cells, wrapped to the column widths.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportTable {
    /// The columns, left to right.
    pub columns: Vec<TableColumn>,
    /// The rows, each with one cell per column.
    pub rows: Vec<Vec<String>>,
}

/// What a radar series stands for, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RadarSeriesRole {
    /// This assessment: see-through blue fill with a solid outline and points.
    Current,
    /// An earlier assessment: dashed grey outline.
    Previous,
    /// The peer benchmark: amber outline.
    Benchmark,
}

/// One series of a radar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarSeries {
    /// Name shown in the legend.
    pub name: String,
    /// How the series is drawn.
    pub role: RadarSeriesRole,
    /// One level (0 to 5) per axis.
    pub values: Vec<f64>,
}

/// A radar chart: one axis per label and up to three series.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarChart {
    /// Axis labels, clockwise from the top; their number is the number of axes (3 to 12).
    pub axis_labels: Vec<String>,
    /// The series, drawn so that the current one is on top.
    pub series: Vec<RadarSeries>,
    /// Side of the square the rings and labels are laid out in.
    pub size_mm: f32,
}

/// A plan drawn as bars across consecutive phases, e.g. 0–3, 3–12 and 12–36 months.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseTimeline {
    /// The phases' headings, left to right, e.g. "1단계 · 0–3개월".
    pub phase_labels: Vec<String>,
    /// The items, top to bottom.
    pub items: Vec<TimelineItem>,
}

/// One labelled bar of a phase timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineItem {
    /// Text left of the bar.
    pub label: String,
    /// The phase the bar starts in, from 0.
    pub first_phase: usize,
    /// The phase the bar ends in, from 0; equal to `first_phase` for a one-phase bar.
    pub last_phase: usize,
}

/// A report being laid out. Content is added from top to bottom and flows onto new pages as
/// needed; [`ReportDocument::to_bytes`] adds the footers and writes the PDF.
#[derive(Debug)]
pub struct ReportDocument {
    page_setup: PageSetup,
    metadata: ReportMetadata,
    footer: ReportFooter,
    regular_font: &'static ReportFont,
    bold_font: &'static ReportFont,
    finished_pages: Vec<Vec<Op>>,
    current_page_ops: Vec<Op>,
    /// Distance from the top of the current page to where the next element starts.
    cursor_from_top_pt: f32,
    /// Level-one headings with the page (from 1) they start on, for the PDF outline.
    outline_entries: Vec<(String, usize)>,
}

/// A text line ready to draw: already checked for glyphs and fitted to its width.
struct PreparedLine {
    text: String,
    width_pt: f32,
}

impl ReportDocument {
    /// Starts a document with one empty page. Fails if the footer text has a character the
    /// font cannot show.
    pub fn new(
        page_setup: PageSetup,
        metadata: ReportMetadata,
        footer: ReportFooter,
    ) -> Result<ReportDocument, PdfError> {
        let (regular_font, bold_font) = load_report_fonts()?;
        let footer = ReportFooter {
            left_text: substitute_missing_glyphs(&footer.left_text, regular_font)?
                .replace('\n', " "),
            page_number_format: substitute_missing_glyphs(
                &footer.page_number_format,
                regular_font,
            )?
            .replace('\n', " "),
        };
        Ok(ReportDocument {
            page_setup,
            metadata,
            footer,
            regular_font,
            bold_font,
            finished_pages: Vec::new(),
            current_page_ops: Vec::new(),
            cursor_from_top_pt: mm_to_pt(page_setup.margin_top_mm),
            outline_entries: Vec::new(),
        })
    }

    /// The number of pages so far, the current one included.
    pub fn page_count(&self) -> usize {
        self.finished_pages.len() + 1
    }

    /// The width between the side margins.
    pub fn content_width_mm(&self) -> f32 {
        self.page_setup.width_mm - self.page_setup.margin_left_mm - self.page_setup.margin_right_mm
    }

    /// The height left on the current page above the bottom margin.
    pub fn remaining_height_mm(&self) -> f32 {
        self.remaining_height_pt() / POINTS_PER_MM
    }

    /// Ends the current page and continues at the top of a new one.
    pub fn start_new_page(&mut self) {
        let finished = std::mem::take(&mut self.current_page_ops);
        self.finished_pages.push(finished);
        self.cursor_from_top_pt = self.content_top_pt();
    }

    /// Leaves empty space. Space that would run past the bottom margin ends at the margin: it
    /// does not start a page by itself, so a document never ends with a blank page, and the
    /// next element breaks the page if it needs to.
    pub fn vertical_space(&mut self, height_mm: f32) {
        let height_pt = mm_to_pt(height_mm.max(0.0));
        self.cursor_from_top_pt =
            (self.cursor_from_top_pt + height_pt).min(self.content_bottom_pt());
    }

    /// Starts a new page unless at least `height_mm` is left on this one. Use it before a group
    /// that should stay together, such as a heading and the chart below it.
    pub fn require_space_mm(&mut self, height_mm: f32) {
        self.ensure_space_pt(mm_to_pt(height_mm));
    }

    /// A heading. It moves to the next page with what follows it rather than stand alone at
    /// the bottom of a page.
    pub fn heading(&mut self, level: HeadingLevel, text: &str) -> Result<(), PdfError> {
        let (size_pt, color, space_before_mm, space_after_mm) = match level {
            HeadingLevel::One => (17.0, ReportColor::PRIMARY, 6.0, 5.0),
            HeadingLevel::Two => (13.0, ReportColor::PRIMARY, 5.0, 2.5),
            HeadingLevel::Three => (11.0, ReportColor::TEXT, 3.5, 1.5),
        };
        let line_height_pt = size_pt * 1.35;
        let lines = self.prepare_lines(text, FontWeight::Bold, size_pt, self.content_width_pt())?;
        if lines.is_empty() {
            return Ok(());
        }
        let rule_space_pt = if level == HeadingLevel::One {
            mm_to_pt(2.0)
        } else {
            0.0
        };
        let heading_height_pt = lines.len() as f32 * line_height_pt + rule_space_pt;
        // Keep the heading with at least three lines of body text.
        let keep_with_next_pt =
            3.0 * TextStyle::body().size_pt * TextStyle::body().line_height_factor;
        if !self.is_at_top_of_page() {
            let space_before_pt = mm_to_pt(space_before_mm);
            if space_before_pt + heading_height_pt + keep_with_next_pt > self.remaining_height_pt()
            {
                self.start_new_page();
            } else {
                self.cursor_from_top_pt += space_before_pt;
            }
        }
        if level == HeadingLevel::One {
            let title = lines
                .iter()
                .map(|line| line.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            self.outline_entries.push((title, self.page_count()));
        }
        let left_pt = self.content_left_pt();
        for line in &lines {
            let baseline_pt = self.cursor_from_top_pt
                + baseline_offset_pt(self.bold_font, size_pt, line_height_pt);
            self.draw_text(
                FontWeight::Bold,
                size_pt,
                color,
                left_pt,
                baseline_pt,
                &line.text,
            );
            self.cursor_from_top_pt += line_height_pt;
        }
        if level == HeadingLevel::One {
            let rule_from_top_pt = self.cursor_from_top_pt + mm_to_pt(1.0);
            let right_pt = left_pt + self.content_width_pt();
            self.draw_line_segment(
                ReportColor::PRIMARY,
                1.0,
                (left_pt, rule_from_top_pt),
                (right_pt, rule_from_top_pt),
                None,
            );
            self.cursor_from_top_pt += rule_space_pt;
        }
        self.vertical_space(space_after_mm);
        Ok(())
    }

    /// A paragraph wrapped to the content width; lines that do not fit flow onto the next page.
    /// Each '\n' starts a new line.
    pub fn paragraph(&mut self, text: &str, style: &TextStyle) -> Result<(), PdfError> {
        let lines =
            self.prepare_lines(text, style.weight, style.size_pt, self.content_width_pt())?;
        if lines.is_empty() {
            return Ok(());
        }
        let line_height_pt = style.size_pt * style.line_height_factor;
        let font = self.font(style.weight);
        let left_pt = self.content_left_pt();
        let width_pt = self.content_width_pt();
        for line in &lines {
            self.ensure_space_pt(line_height_pt);
            let baseline_pt =
                self.cursor_from_top_pt + baseline_offset_pt(font, style.size_pt, line_height_pt);
            let x_pt = aligned_x_pt(style.alignment, left_pt, width_pt, line.width_pt);
            self.draw_text(
                style.weight,
                style.size_pt,
                style.color,
                x_pt,
                baseline_pt,
                &line.text,
            );
            self.cursor_from_top_pt += line_height_pt;
        }
        self.vertical_space(style.space_after_mm);
        Ok(())
    }

    /// A "key: value" line with the key in grey in a column of `key_width_mm` and the value
    /// wrapped beside it.
    pub fn key_value_line(
        &mut self,
        key: &str,
        value: &str,
        key_width_mm: f32,
    ) -> Result<(), PdfError> {
        const SIZE_PT: f32 = 9.5;
        let line_height_pt = SIZE_PT * 1.55;
        let key_width_pt = mm_to_pt(key_width_mm).min(self.content_width_pt() * 0.6);
        let gap_pt = mm_to_pt(2.0);
        let value_width_pt = self.content_width_pt() - key_width_pt - gap_pt;
        let key_lines = self.prepare_lines(key, FontWeight::Regular, SIZE_PT, key_width_pt)?;
        let value_lines =
            self.prepare_lines(value, FontWeight::Regular, SIZE_PT, value_width_pt)?;
        let line_count = key_lines.len().max(value_lines.len()).max(1);
        let left_pt = self.content_left_pt();
        let baseline_offset = baseline_offset_pt(self.regular_font, SIZE_PT, line_height_pt);
        for line_index in 0..line_count {
            self.ensure_space_pt(line_height_pt);
            let baseline_pt = self.cursor_from_top_pt + baseline_offset;
            if let Some(line) = key_lines.get(line_index) {
                self.draw_text(
                    FontWeight::Regular,
                    SIZE_PT,
                    ReportColor::SECONDARY_TEXT,
                    left_pt,
                    baseline_pt,
                    &line.text,
                );
            }
            if let Some(line) = value_lines.get(line_index) {
                let x_pt = left_pt + key_width_pt + gap_pt;
                self.draw_text(
                    FontWeight::Regular,
                    SIZE_PT,
                    ReportColor::TEXT,
                    x_pt,
                    baseline_pt,
                    &line.text,
                );
            }
            self.cursor_from_top_pt += line_height_pt;
        }
        self.vertical_space(0.8);
        Ok(())
    }

    /// A thin grey line across the content width, with a little space above and below.
    pub fn horizontal_rule(&mut self) {
        let space_pt = mm_to_pt(2.5);
        self.ensure_space_pt(2.0 * space_pt);
        let from_top_pt = self.cursor_from_top_pt + space_pt;
        let left_pt = self.content_left_pt();
        let right_pt = left_pt + self.content_width_pt();
        self.draw_line_segment(
            ReportColor::RULE,
            0.6,
            (left_pt, from_top_pt),
            (right_pt, from_top_pt),
            None,
        );
        self.cursor_from_top_pt = from_top_pt + space_pt;
    }

    /// A rounded badge of `fill` colour with white bold text, e.g. "Level 3", followed on the
    /// right by an optional caption (pass "" for none) wrapped to the rest of the width.
    pub fn level_badge(
        &mut self,
        badge_text: &str,
        fill: ReportColor,
        caption: &str,
    ) -> Result<(), PdfError> {
        const BADGE_SIZE_PT: f32 = 10.5;
        const CAPTION_SIZE_PT: f32 = 10.0;
        let badge_text = substitute_missing_glyphs(badge_text, self.bold_font)?.replace('\n', " ");
        let badge_text_width_pt = self.bold_font.text_width_pt(&badge_text, BADGE_SIZE_PT);
        let padding_pt = mm_to_pt(3.0);
        let badge_width_pt = badge_text_width_pt + 2.0 * padding_pt;
        let badge_height_pt = mm_to_pt(7.5);
        let caption_gap_pt = mm_to_pt(3.5);
        let caption_width_pt =
            (self.content_width_pt() - badge_width_pt - caption_gap_pt).max(mm_to_pt(20.0));
        let caption_lines = self.prepare_lines(
            caption,
            FontWeight::Regular,
            CAPTION_SIZE_PT,
            caption_width_pt,
        )?;
        let caption_line_height_pt = CAPTION_SIZE_PT * 1.5;
        let caption_height_pt = caption_lines.len() as f32 * caption_line_height_pt;
        let block_height_pt = badge_height_pt.max(caption_height_pt);
        self.ensure_space_pt(block_height_pt);

        let left_pt = self.content_left_pt();
        let top_pt = self.cursor_from_top_pt;
        self.draw_rounded_rectangle(
            fill,
            left_pt,
            top_pt,
            badge_width_pt,
            badge_height_pt,
            mm_to_pt(1.6),
        );
        let badge_baseline_pt =
            top_pt + baseline_offset_pt(self.bold_font, BADGE_SIZE_PT, badge_height_pt);
        self.draw_text(
            FontWeight::Bold,
            BADGE_SIZE_PT,
            ReportColor::WHITE,
            left_pt + padding_pt,
            badge_baseline_pt,
            &badge_text,
        );

        // The caption's first line is centred on the badge; further lines continue below.
        let caption_top_pt = top_pt + (badge_height_pt - caption_line_height_pt).max(0.0) / 2.0;
        let caption_x_pt = left_pt + badge_width_pt + caption_gap_pt;
        for (line_index, line) in caption_lines.iter().enumerate() {
            let line_top_pt = caption_top_pt + line_index as f32 * caption_line_height_pt;
            let baseline_pt = line_top_pt
                + baseline_offset_pt(self.regular_font, CAPTION_SIZE_PT, caption_line_height_pt);
            self.draw_text(
                FontWeight::Regular,
                CAPTION_SIZE_PT,
                ReportColor::TEXT,
                caption_x_pt,
                baseline_pt,
                &line.text,
            );
        }
        let caption_bottom_pt = caption_top_pt + caption_height_pt;
        self.cursor_from_top_pt = (top_pt + badge_height_pt).max(caption_bottom_pt);
        self.vertical_space(3.0);
        Ok(())
    }

    /// A labelled horizontal bar for a score from 0 to 100: the label on the left, the bar
    /// filled in `fill` up to the score, and `value_text` (e.g. "72점") on the right.
    pub fn score_bar(
        &mut self,
        label: &str,
        score: f64,
        value_text: &str,
        fill: ReportColor,
    ) -> Result<(), PdfError> {
        const SIZE_PT: f32 = 9.5;
        let line_height_pt = SIZE_PT * 1.45;
        let label_width_pt = mm_to_pt(48.0).min(self.content_width_pt() * 0.4);
        let value_width_pt = mm_to_pt(16.0);
        let gap_pt = mm_to_pt(3.0);
        let label_lines =
            self.prepare_lines(label, FontWeight::Regular, SIZE_PT, label_width_pt)?;
        let value_text = substitute_missing_glyphs(value_text, self.bold_font)?.replace('\n', " ");
        let row_height_pt = (label_lines.len().max(1) as f32 * line_height_pt).max(mm_to_pt(7.0));
        self.ensure_space_pt(row_height_pt);

        let left_pt = self.content_left_pt();
        let top_pt = self.cursor_from_top_pt;
        let label_top_pt =
            top_pt + (row_height_pt - label_lines.len() as f32 * line_height_pt) / 2.0;
        for (line_index, line) in label_lines.iter().enumerate() {
            let baseline_pt = label_top_pt
                + line_index as f32 * line_height_pt
                + baseline_offset_pt(self.regular_font, SIZE_PT, line_height_pt);
            self.draw_text(
                FontWeight::Regular,
                SIZE_PT,
                ReportColor::TEXT,
                left_pt,
                baseline_pt,
                &line.text,
            );
        }

        let track_left_pt = left_pt + label_width_pt + gap_pt;
        let track_width_pt =
            self.content_width_pt() - label_width_pt - gap_pt - value_width_pt - gap_pt;
        let track_height_pt = mm_to_pt(3.4);
        let track_top_pt = top_pt + (row_height_pt - track_height_pt) / 2.0;
        let radius_pt = track_height_pt / 2.0;
        self.draw_rounded_rectangle(
            ReportColor::TRACK,
            track_left_pt,
            track_top_pt,
            track_width_pt,
            track_height_pt,
            radius_pt,
        );
        let fraction = if score.is_finite() {
            (score / 100.0).clamp(0.0, 1.0) as f32
        } else {
            0.0
        };
        let filled_width_pt = track_width_pt * fraction;
        if filled_width_pt > 0.0 {
            // A bar narrower than its rounded ends would draw them overlapping, so it gets
            // smaller corners instead.
            let filled_radius_pt = radius_pt.min(filled_width_pt / 2.0);
            self.draw_rounded_rectangle(
                fill,
                track_left_pt,
                track_top_pt,
                filled_width_pt,
                track_height_pt,
                filled_radius_pt,
            );
        }

        let value_width_drawn_pt = self.bold_font.text_width_pt(&value_text, SIZE_PT);
        let value_x_pt = left_pt + self.content_width_pt() - value_width_drawn_pt;
        let value_baseline_pt = top_pt + baseline_offset_pt(self.bold_font, SIZE_PT, row_height_pt);
        self.draw_text(
            FontWeight::Bold,
            SIZE_PT,
            ReportColor::TEXT,
            value_x_pt,
            value_baseline_pt,
            &value_text,
        );
        self.cursor_from_top_pt = top_pt + row_height_pt;
        self.vertical_space(1.2);
        Ok(())
    }

    /// A table across the content width. Cells are wrapped to their columns; a row that does
    /// not fit on the page moves to the next one, where the header row is repeated, and a row
    /// taller than a whole page is split between lines.
    pub fn table(&mut self, table: &ReportTable) -> Result<(), PdfError> {
        const SIZE_PT: f32 = 9.0;
        let line_height_pt = SIZE_PT * 1.45;
        let padding_x_pt = mm_to_pt(2.0);
        let padding_y_pt = mm_to_pt(1.6);
        if table.columns.is_empty() {
            return Err(PdfError::TableWithoutColumns);
        }
        for (row_index, row) in table.rows.iter().enumerate() {
            if row.len() != table.columns.len() {
                return Err(PdfError::TableRowLengthMismatch {
                    row_index,
                    expected: table.columns.len(),
                    found: row.len(),
                });
            }
        }
        let column_widths_pt = column_widths_pt(&table.columns, self.content_width_pt());
        let text_width =
            |column_index: usize| (column_widths_pt[column_index] - 2.0 * padding_x_pt).max(1.0);
        let header_cells = table
            .columns
            .iter()
            .enumerate()
            .map(|(column_index, column)| {
                self.prepare_lines(
                    &column.header,
                    FontWeight::Bold,
                    SIZE_PT,
                    text_width(column_index),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let body_rows = table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .map(|(column_index, cell)| {
                        self.prepare_lines(
                            cell,
                            FontWeight::Regular,
                            SIZE_PT,
                            text_width(column_index),
                        )
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<Vec<_>, _>>()?;

        let header_line_count = header_cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let header_height_pt = header_line_count as f32 * line_height_pt + 2.0 * padding_y_pt;
        let first_row_height_pt = body_rows
            .first()
            .map(|row| row_line_count(row) as f32 * line_height_pt + 2.0 * padding_y_pt)
            .unwrap_or(0.0);
        self.ensure_space_pt(header_height_pt + first_row_height_pt.min(mm_to_pt(30.0)));
        let table_layout = TableLayout {
            columns: &table.columns,
            column_widths_pt: &column_widths_pt,
            size_pt: SIZE_PT,
            line_height_pt,
            padding_x_pt,
            padding_y_pt,
        };
        self.draw_table_header(&table_layout, &header_cells, header_height_pt);

        for row in &body_rows {
            let line_count = row_line_count(row);
            let mut first_line = 0;
            // Set right after a page break, so that a row is drawn on the fresh page even when
            // the page is too small for it, instead of breaking pages forever.
            let mut on_fresh_page = false;
            while first_line < line_count {
                let lines_left = line_count - first_line;
                let height_needed_pt = lines_left as f32 * line_height_pt + 2.0 * padding_y_pt;
                let fresh_page_room_pt = self.content_height_pt() - header_height_pt;
                if height_needed_pt > self.remaining_height_pt() && !on_fresh_page {
                    let part_of_row_fits =
                        self.remaining_height_pt() >= 2.0 * padding_y_pt + 2.0 * line_height_pt;
                    if height_needed_pt <= fresh_page_room_pt || !part_of_row_fits {
                        // The row fits whole on a fresh page, or too little of it fits here.
                        self.start_new_page();
                        self.draw_table_header(&table_layout, &header_cells, header_height_pt);
                        on_fresh_page = true;
                        continue;
                    }
                }
                let lines_that_fit = (((self.remaining_height_pt() - 2.0 * padding_y_pt)
                    / line_height_pt)
                    .floor() as usize)
                    .clamp(1, lines_left);
                self.draw_table_row_part(&table_layout, row, first_line, lines_that_fit);
                first_line += lines_that_fit;
                on_fresh_page = false;
                if first_line < line_count {
                    self.start_new_page();
                    self.draw_table_header(&table_layout, &header_cells, header_height_pt);
                    on_fresh_page = true;
                }
            }
        }
        self.vertical_space(4.0);
        Ok(())
    }

    /// A radar chart centred across the content width, with its legend below. The geometry is
    /// [`radar_geometry`]'s, so the desktop UI draws the same chart from the same numbers.
    pub fn radar_chart(&mut self, chart: &RadarChart) -> Result<(), PdfError> {
        const LABEL_SIZE_PT: f32 = 8.5;
        const LEVEL_SIZE_PT: f32 = 7.0;
        const LEGEND_SIZE_PT: f32 = 8.5;
        if chart.series.len() > RADAR_MAX_SERIES {
            return Err(PdfError::TooManyRadarSeries {
                count: chart.series.len(),
            });
        }
        let size_pt = mm_to_pt(chart.size_mm);
        let values: Vec<&[f64]> = chart
            .series
            .iter()
            .map(|series| series.values.as_slice())
            .collect();
        let geometry = radar_geometry(chart.axis_labels.len(), &values, f64::from(size_pt))?;
        let label_line_height_pt = LABEL_SIZE_PT * 1.3;
        let label_max_width_pt = geometry.label_max_width as f32;
        let axis_label_lines = chart
            .axis_labels
            .iter()
            .map(|label| {
                self.prepare_lines(
                    label,
                    FontWeight::Regular,
                    LABEL_SIZE_PT,
                    label_max_width_pt,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let legend_entries = chart
            .series
            .iter()
            .map(|series| {
                let name =
                    substitute_missing_glyphs(&series.name, self.regular_font)?.replace('\n', " ");
                let width_pt = self.regular_font.text_width_pt(&name, LEGEND_SIZE_PT);
                Ok((series.role, name, width_pt))
            })
            .collect::<Result<Vec<_>, PdfError>>()?;

        // Labels may stand taller than the space the geometry leaves above and below the rings;
        // the block grows so that they never overlap the content around the chart.
        let mut overflow_above_pt = 0.0_f32;
        let mut overflow_below_pt = 0.0_f32;
        for (axis, lines) in geometry.axes.iter().zip(&axis_label_lines) {
            let block_height_pt = lines.len() as f32 * label_line_height_pt;
            let anchor_y = axis.label_anchor.y as f32;
            let (block_top, block_bottom) =
                vertical_extent(axis.label_vertical_alignment, anchor_y, block_height_pt);
            overflow_above_pt = overflow_above_pt.max(-block_top);
            overflow_below_pt = overflow_below_pt.max(block_bottom - size_pt);
        }
        let legend_height_pt = if legend_entries.is_empty() {
            0.0
        } else {
            mm_to_pt(8.0)
        };
        let block_height_pt =
            overflow_above_pt + size_pt + overflow_below_pt + legend_height_pt + mm_to_pt(3.0);
        self.ensure_space_pt(block_height_pt);

        let square_left_pt = self.content_left_pt() + (self.content_width_pt() - size_pt) / 2.0;
        let square_top_pt = self.cursor_from_top_pt + overflow_above_pt;
        let to_page = |point: RadarPoint| {
            (
                square_left_pt + point.x as f32,
                square_top_pt + point.y as f32,
            )
        };
        self.draw_radar_grid(&geometry, &to_page);

        // The benchmark goes first and the current series last, so the firm's own shape is on top.
        let mut drawing_order: Vec<usize> = (0..chart.series.len()).collect();
        drawing_order.sort_by_key(|&index| match chart.series[index].role {
            RadarSeriesRole::Benchmark => 0,
            RadarSeriesRole::Previous => 1,
            RadarSeriesRole::Current => 2,
        });
        for index in drawing_order {
            let points: Vec<(f32, f32)> = geometry.series[index]
                .points
                .iter()
                .map(|&point| to_page(point))
                .collect();
            self.draw_radar_series(chart.series[index].role, &points);
        }

        for level_label in &geometry.level_labels {
            let (x_pt, center_from_top_pt) = to_page(level_label.anchor);
            let baseline_pt = center_from_top_pt + LEVEL_SIZE_PT * 0.35;
            self.draw_text(
                FontWeight::Regular,
                LEVEL_SIZE_PT,
                ReportColor::SECONDARY_TEXT,
                x_pt,
                baseline_pt,
                &level_label.level.to_string(),
            );
        }

        for (axis, lines) in geometry.axes.iter().zip(&axis_label_lines) {
            let (anchor_x_pt, anchor_from_top_pt) = to_page(axis.label_anchor);
            let block_height_pt = lines.len() as f32 * label_line_height_pt;
            let (block_top_pt, _) = vertical_extent(
                axis.label_vertical_alignment,
                anchor_from_top_pt,
                block_height_pt,
            );
            for (line_index, line) in lines.iter().enumerate() {
                let x_pt = match axis.label_horizontal_alignment {
                    LabelHorizontalAlignment::Start => anchor_x_pt,
                    LabelHorizontalAlignment::Middle => anchor_x_pt - line.width_pt / 2.0,
                    LabelHorizontalAlignment::End => anchor_x_pt - line.width_pt,
                };
                let baseline_pt = block_top_pt
                    + line_index as f32 * label_line_height_pt
                    + baseline_offset_pt(self.regular_font, LABEL_SIZE_PT, label_line_height_pt);
                self.draw_text(
                    FontWeight::Regular,
                    LABEL_SIZE_PT,
                    ReportColor::TEXT,
                    x_pt,
                    baseline_pt,
                    &line.text,
                );
            }
        }

        if !legend_entries.is_empty() {
            let swatch_width_pt = mm_to_pt(7.0);
            let swatch_gap_pt = mm_to_pt(1.8);
            let entry_gap_pt = mm_to_pt(7.0);
            let total_width_pt: f32 = legend_entries
                .iter()
                .map(|(_, _, width_pt)| swatch_width_pt + swatch_gap_pt + width_pt)
                .sum::<f32>()
                + entry_gap_pt * (legend_entries.len() - 1) as f32;
            let legend_top_pt = square_top_pt + size_pt + overflow_below_pt + mm_to_pt(1.5);
            let legend_line_height_pt = LEGEND_SIZE_PT * 1.5;
            let middle_pt = legend_top_pt + legend_line_height_pt / 2.0;
            let mut x_pt =
                self.content_left_pt() + (self.content_width_pt() - total_width_pt) / 2.0;
            for (role, name, width_pt) in &legend_entries {
                self.draw_legend_swatch(*role, x_pt, middle_pt, swatch_width_pt);
                x_pt += swatch_width_pt + swatch_gap_pt;
                let baseline_pt = legend_top_pt
                    + baseline_offset_pt(self.regular_font, LEGEND_SIZE_PT, legend_line_height_pt);
                self.draw_text(
                    FontWeight::Regular,
                    LEGEND_SIZE_PT,
                    ReportColor::TEXT,
                    x_pt,
                    baseline_pt,
                    name,
                );
                x_pt += width_pt + entry_gap_pt;
            }
        }
        self.cursor_from_top_pt += block_height_pt;
        Ok(())
    }

    /// A timeline of labelled bars across phases: the phase headings on top, one row per item
    /// with its label on the left and a bar spanning its phases. Rows flow onto new pages with
    /// the phase headings repeated.
    pub fn phase_timeline(&mut self, timeline: &PhaseTimeline) -> Result<(), PdfError> {
        const SIZE_PT: f32 = 9.0;
        let line_height_pt = SIZE_PT * 1.45;
        let phase_count = timeline.phase_labels.len();
        if phase_count == 0 {
            return Err(PdfError::TimelineWithoutPhases);
        }
        for item in &timeline.items {
            if item.first_phase > item.last_phase || item.last_phase >= phase_count {
                return Err(PdfError::TimelineItemOutOfRange {
                    item_label: item.label.clone(),
                    first_phase: item.first_phase,
                    last_phase: item.last_phase,
                    phase_count,
                });
            }
        }
        let label_column_width_pt = mm_to_pt(56.0).min(self.content_width_pt() * 0.45);
        let column_gap_pt = mm_to_pt(1.5);
        let phase_area_left_pt = self.content_left_pt() + label_column_width_pt + mm_to_pt(2.0);
        let phase_area_width_pt =
            self.content_left_pt() + self.content_width_pt() - phase_area_left_pt;
        let phase_width_pt =
            (phase_area_width_pt - column_gap_pt * (phase_count - 1) as f32) / phase_count as f32;
        let phase_left_pt =
            |phase: usize| phase_area_left_pt + phase as f32 * (phase_width_pt + column_gap_pt);

        let phase_headings = timeline
            .phase_labels
            .iter()
            .map(|label| {
                self.prepare_lines(
                    label,
                    FontWeight::Bold,
                    SIZE_PT,
                    phase_width_pt - mm_to_pt(3.0),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let item_labels = timeline
            .items
            .iter()
            .map(|item| {
                self.prepare_lines(
                    &item.label,
                    FontWeight::Regular,
                    SIZE_PT,
                    label_column_width_pt,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let heading_line_count = phase_headings
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1)
            .max(1);
        let heading_height_pt = heading_line_count as f32 * line_height_pt + mm_to_pt(3.0);
        let row_padding_pt = mm_to_pt(1.8);
        let row_height = |lines: &Vec<PreparedLine>| {
            (lines.len().max(1) as f32 * line_height_pt).max(mm_to_pt(5.0)) + 2.0 * row_padding_pt
        };

        let first_row_height_pt = item_labels.first().map(row_height).unwrap_or(0.0);
        self.ensure_space_pt(heading_height_pt + first_row_height_pt);
        let mut rows_top_on_page_pt = self.cursor_from_top_pt;
        self.draw_phase_headings(
            &phase_headings,
            &phase_left_pt,
            phase_width_pt,
            heading_height_pt,
            line_height_pt,
            SIZE_PT,
        );

        for (item, label_lines) in timeline.items.iter().zip(&item_labels) {
            let height_pt = row_height(label_lines);
            if height_pt > self.remaining_height_pt() && !self.is_at_top_of_page() {
                self.draw_phase_separators(
                    phase_count,
                    &phase_left_pt,
                    phase_width_pt,
                    column_gap_pt,
                    rows_top_on_page_pt,
                );
                self.start_new_page();
                rows_top_on_page_pt = self.cursor_from_top_pt;
                self.draw_phase_headings(
                    &phase_headings,
                    &phase_left_pt,
                    phase_width_pt,
                    heading_height_pt,
                    line_height_pt,
                    SIZE_PT,
                );
            }
            let top_pt = self.cursor_from_top_pt;
            let label_top_pt =
                top_pt + (height_pt - label_lines.len() as f32 * line_height_pt) / 2.0;
            for (line_index, line) in label_lines.iter().enumerate() {
                let baseline_pt = label_top_pt
                    + line_index as f32 * line_height_pt
                    + baseline_offset_pt(self.regular_font, SIZE_PT, line_height_pt);
                self.draw_text(
                    FontWeight::Regular,
                    SIZE_PT,
                    ReportColor::TEXT,
                    self.content_left_pt(),
                    baseline_pt,
                    &line.text,
                );
            }
            let bar_height_pt = mm_to_pt(4.2);
            let bar_left_pt = phase_left_pt(item.first_phase) + mm_to_pt(1.0);
            let bar_right_pt = phase_left_pt(item.last_phase) + phase_width_pt - mm_to_pt(1.0);
            let bar_top_pt = top_pt + (height_pt - bar_height_pt) / 2.0;
            self.draw_rounded_rectangle(
                phase_bar_color(item.first_phase, phase_count),
                bar_left_pt,
                bar_top_pt,
                bar_right_pt - bar_left_pt,
                bar_height_pt,
                bar_height_pt / 2.0,
            );
            let rule_from_top_pt = top_pt + height_pt;
            let right_pt = self.content_left_pt() + self.content_width_pt();
            self.draw_line_segment(
                ReportColor::RULE,
                0.4,
                (self.content_left_pt(), rule_from_top_pt),
                (right_pt, rule_from_top_pt),
                None,
            );
            self.cursor_from_top_pt = top_pt + height_pt;
        }
        self.draw_phase_separators(
            phase_count,
            &phase_left_pt,
            phase_width_pt,
            column_gap_pt,
            rows_top_on_page_pt,
        );
        self.vertical_space(4.0);
        Ok(())
    }

    /// Adds the footers and writes the finished PDF. The document is left as it was, so this can
    /// be called again after more content is added.
    pub fn to_bytes(&self) -> Result<Vec<u8>, PdfError> {
        let mut document = PdfDocument::new(&self.metadata.title);
        let creation_date = pdf_date_time(&self.metadata.creation_date);
        let info = &mut document.metadata.info;
        info.author = self.metadata.author.clone();
        info.subject = self.metadata.subject.clone();
        info.keywords = self.metadata.keywords.clone();
        info.creator = "Jindan".to_owned();
        info.producer = "Jindan".to_owned();
        info.creation_date = creation_date;
        info.modification_date = creation_date;
        info.metadata_date = creation_date;
        for font in [self.regular_font, self.bold_font] {
            document.resources.fonts.map.insert(
                font_id(font.weight()),
                PdfFont::new(font.parsed_font().clone()),
            );
        }
        document.resources.extgstates.map.insert(
            ExtendedGraphicsStateId(RADAR_FILL_GRAPHICS_STATE.to_owned()),
            ExtendedGraphicsState::default().with_current_fill_alpha(RADAR_FILL_ALPHA),
        );

        let page_count = self.page_count();
        let pages = self
            .finished_pages
            .iter()
            .chain(std::iter::once(&self.current_page_ops))
            .enumerate()
            .map(|(page_index, ops)| {
                let mut page_ops = Vec::with_capacity(ops.len() + 24);
                page_ops.extend_from_slice(ops);
                self.push_footer_ops(&mut page_ops, page_index + 1, page_count);
                PdfPage::new(
                    Mm(self.page_setup.width_mm),
                    Mm(self.page_setup.height_mm),
                    page_ops,
                )
            })
            .collect();
        document.with_pages(pages);
        for (title, page_number) in &self.outline_entries {
            document.add_bookmark(title, *page_number);
        }

        let mut warnings = Vec::new();
        let save_options = PdfSaveOptions {
            subset_fonts: true,
            ..PdfSaveOptions::default()
        };
        let bytes = document.save(&save_options, &mut warnings);
        let errors: Vec<String> = warnings
            .into_iter()
            .filter(|warning| warning.severity == PdfParseErrorSeverity::Error)
            .map(|warning| warning.msg)
            .collect();
        if !errors.is_empty() {
            return Err(PdfError::Serialization {
                message: errors.join("; "),
            });
        }
        Ok(bytes)
    }

    // ----- Layout bookkeeping -----

    fn font(&self, weight: FontWeight) -> &'static ReportFont {
        match weight {
            FontWeight::Regular => self.regular_font,
            FontWeight::Bold => self.bold_font,
        }
    }

    fn page_height_pt(&self) -> f32 {
        mm_to_pt(self.page_setup.height_mm)
    }

    fn content_top_pt(&self) -> f32 {
        mm_to_pt(self.page_setup.margin_top_mm)
    }

    fn content_bottom_pt(&self) -> f32 {
        mm_to_pt(self.page_setup.height_mm - self.page_setup.margin_bottom_mm)
    }

    fn content_height_pt(&self) -> f32 {
        self.content_bottom_pt() - self.content_top_pt()
    }

    fn content_left_pt(&self) -> f32 {
        mm_to_pt(self.page_setup.margin_left_mm)
    }

    fn content_width_pt(&self) -> f32 {
        mm_to_pt(self.content_width_mm())
    }

    fn remaining_height_pt(&self) -> f32 {
        self.content_bottom_pt() - self.cursor_from_top_pt
    }

    fn is_at_top_of_page(&self) -> bool {
        self.cursor_from_top_pt <= self.content_top_pt() + 0.01
    }

    /// Starts a new page unless `height_pt` fits in what is left of this one. At the top of a
    /// page nothing is gained by breaking, so an element taller than a page is drawn anyway.
    fn ensure_space_pt(&mut self, height_pt: f32) {
        if height_pt > self.remaining_height_pt() && !self.is_at_top_of_page() {
            self.start_new_page();
        }
    }

    /// Checks the glyphs of `text` in the font of `weight` and wraps it to `max_width_pt`.
    fn prepare_lines(
        &self,
        text: &str,
        weight: FontWeight,
        size_pt: f32,
        max_width_pt: f32,
    ) -> Result<Vec<PreparedLine>, PdfError> {
        let font = self.font(weight);
        let text: Cow<'_, str> = substitute_missing_glyphs(text, font)?;
        Ok(wrap_text(&text, font, size_pt, max_width_pt)
            .into_iter()
            .map(|line| {
                let width_pt = font.text_width_pt(&line, size_pt);
                PreparedLine {
                    text: line,
                    width_pt,
                }
            })
            .collect())
    }

    // ----- Composite drawing -----

    fn draw_table_header(
        &mut self,
        layout: &TableLayout<'_>,
        header_cells: &[Vec<PreparedLine>],
        height_pt: f32,
    ) {
        let left_pt = self.content_left_pt();
        let top_pt = self.cursor_from_top_pt;
        self.draw_rectangle(
            ReportColor::PRIMARY_TINT,
            left_pt,
            top_pt,
            self.content_width_pt(),
            height_pt,
        );
        self.draw_cell_lines(layout, header_cells, 0, usize::MAX, FontWeight::Bold, ReportColor::PRIMARY);
        self.close_table_row(top_pt + height_pt, ReportColor::PRIMARY, 0.8);
    }

    /// Draws lines `first_line..first_line + line_count` of every cell of a row, with the
    /// padding above and below, and a rule under it.
    fn draw_table_row_part(
        &mut self,
        layout: &TableLayout<'_>,
        row: &[Vec<PreparedLine>],
        first_line: usize,
        line_count: usize,
    ) {
        let top_pt = self.cursor_from_top_pt;
        self.draw_cell_lines(layout, row, first_line, line_count, FontWeight::Regular, ReportColor::TEXT);
        let bottom_pt =
            top_pt + line_count as f32 * layout.line_height_pt + 2.0 * layout.padding_y_pt;
        self.close_table_row(bottom_pt, ReportColor::RULE, 0.5);
    }

    /// Rules off a table row across the content width at `bottom_pt` and moves the cursor there.
    fn close_table_row(&mut self, bottom_pt: f32, color: ReportColor, thickness_pt: f32) {
        let left_pt = self.content_left_pt();
        self.draw_line_segment(
            color,
            thickness_pt,
            (left_pt, bottom_pt),
            (left_pt + self.content_width_pt(), bottom_pt),
            None,
        );
        self.cursor_from_top_pt = bottom_pt;
    }

    /// Draws lines `first_line..first_line + line_count` of every cell of a table row, each
    /// aligned in its column, from the cursor down (below the row's top padding).
    fn draw_cell_lines(
        &mut self,
        layout: &TableLayout<'_>,
        cells: &[Vec<PreparedLine>],
        first_line: usize,
        line_count: usize,
        weight: FontWeight,
        color: ReportColor,
    ) {
        let font = match weight {
            FontWeight::Bold => self.bold_font,
            FontWeight::Regular => self.regular_font,
        };
        let top_pt = self.cursor_from_top_pt;
        let mut cell_left_pt = self.content_left_pt();
        for (column_index, lines) in cells.iter().enumerate() {
            let column_width_pt = layout.column_widths_pt[column_index];
            for (offset, line) in lines.iter().skip(first_line).take(line_count).enumerate() {
                let baseline_pt = top_pt
                    + layout.padding_y_pt
                    + offset as f32 * layout.line_height_pt
                    + baseline_offset_pt(font, layout.size_pt, layout.line_height_pt);
                let x_pt = aligned_x_pt(
                    layout.columns[column_index].alignment,
                    cell_left_pt + layout.padding_x_pt,
                    column_width_pt - 2.0 * layout.padding_x_pt,
                    line.width_pt,
                );
                self.draw_text(weight, layout.size_pt, color, x_pt, baseline_pt, &line.text);
            }
            cell_left_pt += column_width_pt;
        }
    }

    fn draw_radar_grid(
        &mut self,
        geometry: &RadarGeometry,
        to_page: &dyn Fn(RadarPoint) -> (f32, f32),
    ) {
        if let Some(outer_ring) = geometry.rings.last() {
            let points: Vec<(f32, f32)> = outer_ring
                .points
                .iter()
                .map(|&point| to_page(point))
                .collect();
            self.draw_polygon(&points, Some(ReportColor::from_rgb(0xF6, 0xF8, 0xFB)), None);
        }
        let center = to_page(geometry.center);
        for axis in &geometry.axes {
            self.draw_line_segment(ReportColor::RULE, 0.5, center, to_page(axis.end), None);
        }
        for ring in &geometry.rings {
            let points: Vec<(f32, f32)> = ring.points.iter().map(|&point| to_page(point)).collect();
            let thickness_pt = if ring.level == crate::report::chart::RADAR_MAX_LEVEL {
                0.9
            } else {
                0.5
            };
            self.draw_polygon(&points, None, Some((ReportColor::RULE, thickness_pt, None)));
        }
    }

    fn draw_radar_series(&mut self, role: RadarSeriesRole, points: &[(f32, f32)]) {
        match role {
            RadarSeriesRole::Current => {
                self.current_page_ops.push(Op::SaveGraphicsState);
                self.current_page_ops.push(Op::LoadGraphicsState {
                    gs: ExtendedGraphicsStateId(RADAR_FILL_GRAPHICS_STATE.to_owned()),
                });
                self.draw_polygon(points, Some(ReportColor::PRIMARY), None);
                self.current_page_ops.push(Op::RestoreGraphicsState);
                self.draw_polygon(points, None, Some((ReportColor::PRIMARY, 1.6, None)));
                for &(x_pt, y_pt) in points {
                    self.draw_circle(ReportColor::PRIMARY, x_pt, y_pt, 1.7);
                }
            }
            RadarSeriesRole::Previous => {
                self.draw_polygon(
                    points,
                    None,
                    Some((ReportColor::PREVIOUS, 1.2, Some(&[3.0, 2.0]))),
                );
            }
            RadarSeriesRole::Benchmark => {
                self.draw_polygon(points, None, Some((ReportColor::BENCHMARK, 1.3, None)));
            }
        }
    }

    fn draw_legend_swatch(
        &mut self,
        role: RadarSeriesRole,
        left_pt: f32,
        middle_from_top_pt: f32,
        width_pt: f32,
    ) {
        let right_pt = left_pt + width_pt;
        match role {
            RadarSeriesRole::Current => {
                let height_pt = mm_to_pt(2.6);
                let top_pt = middle_from_top_pt - height_pt / 2.0;
                self.current_page_ops.push(Op::SaveGraphicsState);
                self.current_page_ops.push(Op::LoadGraphicsState {
                    gs: ExtendedGraphicsStateId(RADAR_FILL_GRAPHICS_STATE.to_owned()),
                });
                self.draw_rectangle(ReportColor::PRIMARY, left_pt, top_pt, width_pt, height_pt);
                self.current_page_ops.push(Op::RestoreGraphicsState);
                self.draw_line_segment(
                    ReportColor::PRIMARY,
                    1.6,
                    (left_pt, middle_from_top_pt),
                    (right_pt, middle_from_top_pt),
                    None,
                );
            }
            RadarSeriesRole::Previous => {
                self.draw_line_segment(
                    ReportColor::PREVIOUS,
                    1.2,
                    (left_pt, middle_from_top_pt),
                    (right_pt, middle_from_top_pt),
                    Some(&[3.0, 2.0]),
                );
            }
            RadarSeriesRole::Benchmark => {
                self.draw_line_segment(
                    ReportColor::BENCHMARK,
                    1.3,
                    (left_pt, middle_from_top_pt),
                    (right_pt, middle_from_top_pt),
                    None,
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_phase_headings(
        &mut self,
        phase_headings: &[Vec<PreparedLine>],
        phase_left_pt: &dyn Fn(usize) -> f32,
        phase_width_pt: f32,
        height_pt: f32,
        line_height_pt: f32,
        size_pt: f32,
    ) {
        let top_pt = self.cursor_from_top_pt;
        let box_height_pt = height_pt - mm_to_pt(1.0);
        let phase_count = phase_headings.len();
        for (phase, lines) in phase_headings.iter().enumerate() {
            let left_pt = phase_left_pt(phase);
            self.draw_rounded_rectangle(
                phase_heading_color(phase, phase_count),
                left_pt,
                top_pt,
                phase_width_pt,
                box_height_pt,
                mm_to_pt(1.2),
            );
            let text_top_pt = top_pt + (box_height_pt - lines.len() as f32 * line_height_pt) / 2.0;
            for (line_index, line) in lines.iter().enumerate() {
                let baseline_pt = text_top_pt
                    + line_index as f32 * line_height_pt
                    + baseline_offset_pt(self.bold_font, size_pt, line_height_pt);
                let x_pt = left_pt + (phase_width_pt - line.width_pt) / 2.0;
                self.draw_text(
                    FontWeight::Bold,
                    size_pt,
                    ReportColor::PRIMARY,
                    x_pt,
                    baseline_pt,
                    &line.text,
                );
            }
        }
        self.cursor_from_top_pt = top_pt + height_pt;
    }

    /// Dotted lines between the phase columns, from the first row on this page to the last.
    fn draw_phase_separators(
        &mut self,
        phase_count: usize,
        phase_left_pt: &dyn Fn(usize) -> f32,
        phase_width_pt: f32,
        gap_pt: f32,
        rows_top_pt: f32,
    ) {
        let bottom_pt = self.cursor_from_top_pt;
        if bottom_pt <= rows_top_pt {
            return;
        }
        for phase in 1..phase_count {
            let x_pt = phase_left_pt(phase - 1) + phase_width_pt + gap_pt / 2.0;
            self.draw_line_segment(
                ReportColor::RULE,
                0.6,
                (x_pt, rows_top_pt),
                (x_pt, bottom_pt),
                Some(&[1.0, 2.0]),
            );
        }
    }

    fn push_footer_ops(&self, ops: &mut Vec<Op>, page_number: usize, page_count: usize) {
        const SIZE_PT: f32 = 8.0;
        let left_pt = self.content_left_pt();
        let width_pt = self.content_width_pt();
        let baseline_pt = self.page_height_pt() - mm_to_pt(self.page_setup.margin_bottom_mm * 0.5);
        let rule_from_top_pt = baseline_pt - SIZE_PT * 1.6;
        let page_text = self
            .footer
            .page_number_format
            .replace("{page}", &page_number.to_string())
            .replace("{pages}", &page_count.to_string());
        let page_text_width_pt = self.regular_font.text_width_pt(&page_text, SIZE_PT);
        let left_text = truncate_to_width(
            &self.footer.left_text,
            self.regular_font,
            SIZE_PT,
            width_pt - page_text_width_pt - mm_to_pt(8.0),
        );
        let page_height_pt = self.page_height_pt();
        push_line_ops(
            ops,
            page_height_pt,
            ReportColor::RULE,
            0.5,
            &[
                (left_pt, rule_from_top_pt),
                (left_pt + width_pt, rule_from_top_pt),
            ],
            false,
            None,
        );
        push_text_ops(
            ops,
            page_height_pt,
            self.regular_font,
            SIZE_PT,
            ReportColor::SECONDARY_TEXT,
            left_pt,
            baseline_pt,
            &left_text,
        );
        push_text_ops(
            ops,
            page_height_pt,
            self.regular_font,
            SIZE_PT,
            ReportColor::SECONDARY_TEXT,
            left_pt + width_pt - page_text_width_pt,
            baseline_pt,
            &page_text,
        );
    }

    // ----- Primitive drawing on the current page, in top-down points -----

    fn draw_text(
        &mut self,
        weight: FontWeight,
        size_pt: f32,
        color: ReportColor,
        x_pt: f32,
        baseline_from_top_pt: f32,
        text: &str,
    ) {
        let page_height_pt = self.page_height_pt();
        let font = self.font(weight);
        push_text_ops(
            &mut self.current_page_ops,
            page_height_pt,
            font,
            size_pt,
            color,
            x_pt,
            baseline_from_top_pt,
            text,
        );
    }

    fn draw_line_segment(
        &mut self,
        color: ReportColor,
        thickness_pt: f32,
        from: (f32, f32),
        to: (f32, f32),
        dash: Option<&[f32]>,
    ) {
        let page_height_pt = self.page_height_pt();
        push_line_ops(
            &mut self.current_page_ops,
            page_height_pt,
            color,
            thickness_pt,
            &[from, to],
            false,
            dash,
        );
    }

    fn draw_rectangle(
        &mut self,
        fill: ReportColor,
        left_pt: f32,
        top_pt: f32,
        width_pt: f32,
        height_pt: f32,
    ) {
        let corners = [
            (left_pt, top_pt),
            (left_pt + width_pt, top_pt),
            (left_pt + width_pt, top_pt + height_pt),
            (left_pt, top_pt + height_pt),
        ];
        self.draw_polygon(&corners, Some(fill), None);
    }

    fn draw_rounded_rectangle(
        &mut self,
        fill: ReportColor,
        left_pt: f32,
        top_pt: f32,
        width_pt: f32,
        height_pt: f32,
        radius_pt: f32,
    ) {
        let page_height_pt = self.page_height_pt();
        let radius_pt = radius_pt.min(width_pt / 2.0).min(height_pt / 2.0).max(0.0);
        let right_pt = left_pt + width_pt;
        let bottom_pt = top_pt + height_pt;
        // Each corner is a quarter circle drawn as one cubic Bézier curve; the control points
        // sit this fraction of the radius from the corner's ends.
        let handle_pt = radius_pt * (1.0 - BEZIER_CIRCLE_FACTOR);
        let to_point = |(x, y): (f32, f32), bezier: bool| LinePoint {
            p: pdf_point(page_height_pt, x, y),
            bezier,
        };
        let points = vec![
            to_point((left_pt + radius_pt, top_pt), false),
            to_point((right_pt - radius_pt, top_pt), false),
            to_point((right_pt - handle_pt, top_pt), true),
            to_point((right_pt, top_pt + handle_pt), true),
            to_point((right_pt, top_pt + radius_pt), false),
            to_point((right_pt, bottom_pt - radius_pt), false),
            to_point((right_pt, bottom_pt - handle_pt), true),
            to_point((right_pt - handle_pt, bottom_pt), true),
            to_point((right_pt - radius_pt, bottom_pt), false),
            to_point((left_pt + radius_pt, bottom_pt), false),
            to_point((left_pt + handle_pt, bottom_pt), true),
            to_point((left_pt, bottom_pt - handle_pt), true),
            to_point((left_pt, bottom_pt - radius_pt), false),
            to_point((left_pt, top_pt + radius_pt), false),
            to_point((left_pt, top_pt + handle_pt), true),
            to_point((left_pt + handle_pt, top_pt), true),
            to_point((left_pt + radius_pt, top_pt), false),
        ];
        self.current_page_ops.push(Op::SetFillColor {
            col: fill.to_pdf_color(),
        });
        self.current_page_ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    fn draw_circle(
        &mut self,
        fill: ReportColor,
        center_x_pt: f32,
        center_y_from_top_pt: f32,
        radius_pt: f32,
    ) {
        self.draw_rounded_rectangle(
            fill,
            center_x_pt - radius_pt,
            center_y_from_top_pt - radius_pt,
            2.0 * radius_pt,
            2.0 * radius_pt,
            radius_pt,
        );
    }

    /// A closed polygon through `points` (top-down points), filled and/or outlined.
    fn draw_polygon(
        &mut self,
        points: &[(f32, f32)],
        fill: Option<ReportColor>,
        outline: Option<(ReportColor, f32, Option<&[f32]>)>,
    ) {
        let page_height_pt = self.page_height_pt();
        let ops = &mut self.current_page_ops;
        match (fill, outline) {
            (Some(fill), None) => {
                ops.push(Op::SetFillColor {
                    col: fill.to_pdf_color(),
                });
                ops.push(Op::DrawPolygon {
                    polygon: polygon_from(page_height_pt, points, PaintMode::Fill),
                });
            }
            (fill, Some((color, thickness_pt, dash))) => {
                if let Some(fill) = fill {
                    ops.push(Op::SetFillColor {
                        col: fill.to_pdf_color(),
                    });
                    ops.push(Op::DrawPolygon {
                        polygon: polygon_from(page_height_pt, points, PaintMode::Fill),
                    });
                }
                push_line_ops(ops, page_height_pt, color, thickness_pt, points, true, dash);
            }
            (None, None) => {}
        }
    }
}

/// How far from the corner the control points of a quarter-circle Bézier curve sit, as a
/// fraction of the radius: the usual 4/3·(√2 − 1).
const BEZIER_CIRCLE_FACTOR: f32 = 0.552_284_8;

/// The measurements a table is drawn with.
struct TableLayout<'table> {
    columns: &'table [TableColumn],
    column_widths_pt: &'table [f32],
    size_pt: f32,
    line_height_pt: f32,
    padding_x_pt: f32,
    padding_y_pt: f32,
}

fn row_line_count(row: &[Vec<PreparedLine>]) -> usize {
    row.iter().map(Vec::len).max().unwrap_or(0).max(1)
}

/// Splits the table width between the columns by their weights; columns with a weight that is
/// not a positive number get an equal share of one.
fn column_widths_pt(columns: &[TableColumn], table_width_pt: f32) -> Vec<f32> {
    let weights: Vec<f32> = columns
        .iter()
        .map(|column| {
            if column.width_weight.is_finite() && column.width_weight > 0.0 {
                column.width_weight
            } else {
                1.0
            }
        })
        .collect();
    let total: f32 = weights.iter().sum();
    weights
        .iter()
        .map(|weight| table_width_pt * weight / total)
        .collect()
}

/// Distance from the top of a line box to the baseline that centres the font's ascent and
/// descent in the box.
fn baseline_offset_pt(font: &ReportFont, size_pt: f32, line_height_pt: f32) -> f32 {
    let glyph_height_pt = (font.ascent_em() + font.descent_em()) * size_pt;
    (line_height_pt - glyph_height_pt) / 2.0 + font.ascent_em() * size_pt
}

fn aligned_x_pt(alignment: TextAlignment, left_pt: f32, width_pt: f32, text_width_pt: f32) -> f32 {
    match alignment {
        TextAlignment::Left => left_pt,
        TextAlignment::Center => left_pt + (width_pt - text_width_pt) / 2.0,
        TextAlignment::Right => left_pt + width_pt - text_width_pt,
    }
}

/// The top and bottom of a block of `height` placed on `anchor_y` as the alignment says.
fn vertical_extent(alignment: LabelVerticalAlignment, anchor_y: f32, height: f32) -> (f32, f32) {
    match alignment {
        LabelVerticalAlignment::Top => (anchor_y, anchor_y + height),
        LabelVerticalAlignment::Middle => (anchor_y - height / 2.0, anchor_y + height / 2.0),
        LabelVerticalAlignment::Bottom => (anchor_y - height, anchor_y),
    }
}

/// Cuts `text` to fit `max_width_pt`, ending it with "…" when anything was cut.
fn truncate_to_width(text: &str, font: &ReportFont, size_pt: f32, max_width_pt: f32) -> String {
    if font.text_width_pt(text, size_pt) <= max_width_pt {
        return text.to_owned();
    }
    let ellipsis = if font.has_glyph('\u{2026}') {
        "\u{2026}"
    } else {
        "..."
    };
    let mut width_pt = font.text_width_pt(ellipsis, size_pt);
    let mut kept = String::new();
    for ch in text.chars() {
        width_pt += font.advance_em(ch) * size_pt;
        if width_pt > max_width_pt {
            break;
        }
        kept.push(ch);
    }
    kept.push_str(ellipsis);
    kept
}

/// Heading boxes of the timeline's phases: tints of the primary blue, darker for later phases.
fn phase_heading_color(phase: usize, phase_count: usize) -> ReportColor {
    let tints = [
        ReportColor::from_rgb(0xE6, 0xED, 0xF7),
        ReportColor::from_rgb(0xD3, 0xDF, 0xF0),
        ReportColor::from_rgb(0xBF, 0xD0, 0xE8),
    ];
    tints[phase_index_in_three(phase, phase_count)]
}

/// Bars of the timeline, by the phase they start in: the primary blue, deeper for later phases.
fn phase_bar_color(phase: usize, phase_count: usize) -> ReportColor {
    let shades = [
        ReportColor::from_rgb(0x5B, 0x84, 0xC4),
        ReportColor::from_rgb(0x35, 0x5F, 0xA3),
        ReportColor::PRIMARY,
    ];
    shades[phase_index_in_three(phase, phase_count)]
}

/// Maps a phase onto one of three shades, spreading any number of phases over them.
fn phase_index_in_three(phase: usize, phase_count: usize) -> usize {
    if phase_count <= 1 {
        return 0;
    }
    (phase * 2 + (phase_count - 1) / 2) / (phase_count - 1)
}

/// The font's resource name in the PDF. printpdf also takes the first six characters of it as
/// the subset tag in front of the font name ("JDNGRG+NanumGothic"), and readers recognise a
/// subset only by a tag of six capital letters, so the names are exactly that.
fn font_id(weight: FontWeight) -> FontId {
    let resource_name = match weight {
        FontWeight::Regular => "JDNGRG",
        FontWeight::Bold => "JDNGBD",
    };
    FontId(resource_name.to_owned())
}

fn pdf_point(page_height_pt: f32, x_pt: f32, y_from_top_pt: f32) -> Point {
    Point {
        x: Pt(x_pt),
        y: Pt(page_height_pt - y_from_top_pt),
    }
}

fn polygon_from(page_height_pt: f32, points: &[(f32, f32)], mode: PaintMode) -> Polygon {
    Polygon {
        rings: vec![PolygonRing {
            points: points
                .iter()
                .map(|&(x, y)| LinePoint {
                    p: pdf_point(page_height_pt, x, y),
                    bezier: false,
                })
                .collect(),
        }],
        mode,
        winding_order: WindingOrder::NonZero,
    }
}

/// Draws one line of text. The glyphs are looked up here, from the font's cache, rather than
/// left to printpdf: printpdf would look every character up in the cmap twice while writing the
/// file, which took most of the time of writing a report.
#[allow(clippy::too_many_arguments)]
fn push_text_ops(
    ops: &mut Vec<Op>,
    page_height_pt: f32,
    font: &ReportFont,
    size_pt: f32,
    color: ReportColor,
    x_pt: f32,
    baseline_from_top_pt: f32,
    text: &str,
) {
    if text.is_empty() {
        return;
    }
    // Each glyph carries its character so that the PDF's ToUnicode map lets readers copy and
    // search the text. Every character was checked against the font before layout, so the
    // missing-glyph fallback is never drawn.
    let glyphs = text
        .chars()
        .map(|ch| Codepoint::with_cid(font.glyph_index(ch).unwrap_or(0), 0.0, ch.to_string()))
        .collect();
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font_id(font.weight())),
        size: Pt(size_pt),
    });
    ops.push(Op::SetFillColor {
        col: color.to_pdf_color(),
    });
    ops.push(Op::SetTextCursor {
        pos: pdf_point(page_height_pt, x_pt, baseline_from_top_pt),
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::GlyphIds(glyphs)],
    });
    ops.push(Op::EndTextSection);
}

fn push_line_ops(
    ops: &mut Vec<Op>,
    page_height_pt: f32,
    color: ReportColor,
    thickness_pt: f32,
    points: &[(f32, f32)],
    is_closed: bool,
    dash: Option<&[f32]>,
) {
    ops.push(Op::SetOutlineColor {
        col: color.to_pdf_color(),
    });
    ops.push(Op::SetOutlineThickness {
        pt: Pt(thickness_pt),
    });
    ops.push(Op::SetLineJoinStyle {
        join: LineJoinStyle::Round,
    });
    ops.push(Op::SetLineCapStyle {
        cap: if dash.is_some() {
            LineCapStyle::Butt
        } else {
            LineCapStyle::Round
        },
    });
    if let Some(pattern) = dash {
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, pattern),
        });
    }
    ops.push(Op::DrawLine {
        line: Line {
            points: points
                .iter()
                .map(|&(x, y)| LinePoint {
                    p: pdf_point(page_height_pt, x, y),
                    bezier: false,
                })
                .collect(),
            is_closed,
        },
    });
    if dash.is_some() {
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::solid(),
        });
    }
}

/// The PDF date for a moment, in UTC, because printpdf writes every date with a +00'00' offset.
fn pdf_date_time(moment: &chrono::DateTime<chrono::FixedOffset>) -> printpdf::OffsetDateTime {
    let utc = moment.with_timezone(&chrono::Utc);
    // chrono keeps months, days, hours, minutes and seconds in their calendar ranges, so each
    // fits in a u8; the fallbacks are never taken.
    let narrow = |value: u32| u8::try_from(value).unwrap_or(0);
    printpdf::OffsetDateTime {
        date: printpdf::Date {
            year: utc.year(),
            month: narrow(utc.month()),
            day: narrow(utc.day()),
        },
        time: printpdf::Time {
            hour: narrow(utc.hour()),
            minute: narrow(utc.minute()),
            second: narrow(utc.second().min(59)),
            millisecond: u16::try_from(utc.timestamp_subsec_millis().min(999)).unwrap_or(0),
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fonts::report_font;

    fn sample_metadata() -> ReportMetadata {
        ReportMetadata {
            title: "진단 보고서".to_owned(),
            author: "지역센터".to_owned(),
            subject: "성숙도 진단".to_owned(),
            keywords: Vec::new(),
            creation_date: chrono::DateTime::parse_from_rfc3339("2026-01-02T09:08:07+09:00")
                .unwrap(),
        }
    }

    fn empty_document() -> ReportDocument {
        ReportDocument::new(
            PageSetup::a4_portrait(),
            sample_metadata(),
            ReportFooter {
                left_text: "지문 abcd".to_owned(),
                page_number_format: "{page} / {pages}".to_owned(),
            },
        )
        .unwrap()
    }

    fn op_count(document: &ReportDocument) -> usize {
        document.finished_pages.iter().map(Vec::len).sum::<usize>()
            + document.current_page_ops.len()
    }

    #[test]
    fn an_empty_document_is_one_valid_page() {
        let document = empty_document();
        assert_eq!(document.page_count(), 1);
        let bytes = document.to_bytes().unwrap();
        assert!(bytes.starts_with(b"%PDF"));
    }

    #[test]
    fn a_long_paragraph_flows_onto_new_pages() {
        let mut document = empty_document();
        let sentence = "생산 현장의 데이터를 실시간으로 수집하고 분석하여 의사결정에 활용합니다. ";
        document
            .paragraph(&sentence.repeat(300), &TextStyle::body())
            .unwrap();
        assert!(
            document.page_count() >= 4,
            "{} pages",
            document.page_count()
        );
        assert!(document.remaining_height_mm() >= 0.0);
    }

    #[test]
    fn vertical_space_stops_at_the_bottom_and_the_next_element_breaks_the_page() {
        let mut document = empty_document();
        document.paragraph("첫 문단", &TextStyle::body()).unwrap();
        document.vertical_space(500.0);
        assert_eq!(document.page_count(), 1, "space alone must not add a page");
        assert_eq!(document.remaining_height_mm(), 0.0);
        document.paragraph("다음 문단", &TextStyle::body()).unwrap();
        assert_eq!(document.page_count(), 2);
        document.require_space_mm(1_000.0);
        assert_eq!(document.page_count(), 3);
        document.require_space_mm(1_000.0);
        assert_eq!(document.page_count(), 3, "a fresh page is not broken again");
    }

    #[test]
    fn a_heading_near_the_bottom_moves_to_the_next_page() {
        let mut document = empty_document();
        let content_height_mm = document.remaining_height_mm();
        document.vertical_space(content_height_mm - 12.0);
        document
            .heading(HeadingLevel::Two, "다음 장의 제목")
            .unwrap();
        assert_eq!(document.page_count(), 2);
    }

    #[test]
    fn a_missing_glyph_fails_and_leaves_the_document_unchanged() {
        let mut document = empty_document();
        document.paragraph("앞 문단", &TextStyle::body()).unwrap();
        let ops_before = op_count(&document);
        let table = ReportTable {
            columns: vec![TableColumn {
                header: "항목".to_owned(),
                width_weight: 1.0,
                alignment: TextAlignment::Left,
            }],
            rows: vec![
                vec!["정상".to_owned()],
                vec!["이모지 \u{1F680} 포함".to_owned()],
            ],
        };
        let error = document.table(&table).unwrap_err();
        assert!(
            matches!(
                error,
                PdfError::MissingGlyph {
                    ch: '\u{1F680}',
                    ..
                }
            ),
            "{error}"
        );
        assert_eq!(op_count(&document), ops_before);
    }

    #[test]
    fn a_table_row_with_the_wrong_number_of_cells_is_refused() {
        let mut document = empty_document();
        let table = ReportTable {
            columns: vec![
                TableColumn {
                    header: "A".to_owned(),
                    width_weight: 1.0,
                    alignment: TextAlignment::Left,
                },
                TableColumn {
                    header: "B".to_owned(),
                    width_weight: 1.0,
                    alignment: TextAlignment::Left,
                },
            ],
            rows: vec![vec!["1".to_owned(), "2".to_owned()], vec!["3".to_owned()]],
        };
        let error = document.table(&table).unwrap_err();
        assert!(matches!(
            error,
            PdfError::TableRowLengthMismatch {
                row_index: 1,
                expected: 2,
                found: 1
            }
        ));
        assert!(matches!(
            document.table(&ReportTable {
                columns: Vec::new(),
                rows: Vec::new()
            }),
            Err(PdfError::TableWithoutColumns)
        ));
    }

    #[test]
    fn a_long_table_breaks_across_pages_and_a_giant_row_is_split() {
        let mut document = empty_document();
        let columns = vec![
            TableColumn {
                header: "번호".to_owned(),
                width_weight: 1.0,
                alignment: TextAlignment::Right,
            },
            TableColumn {
                header: "내용".to_owned(),
                width_weight: 5.0,
                alignment: TextAlignment::Left,
            },
        ];
        let mut rows: Vec<Vec<String>> = (0..60)
            .map(|index| vec![index.to_string(), "설비 가동 데이터 점검".to_owned()])
            .collect();
        // One row taller than a whole page must still be drawn, split between lines.
        rows.push(vec!["61".to_owned(), "아주 긴 셀 ".repeat(2_000)]);
        document.table(&ReportTable { columns, rows }).unwrap();
        assert!(
            document.page_count() >= 4,
            "{} pages",
            document.page_count()
        );
        assert!(document.to_bytes().unwrap().starts_with(b"%PDF"));
    }

    #[test]
    fn radar_chart_refuses_a_fourth_series_and_bad_axis_counts() {
        let mut document = empty_document();
        let series = RadarSeries {
            name: "현재".to_owned(),
            role: RadarSeriesRole::Current,
            values: vec![1.0; 5],
        };
        let chart = RadarChart {
            axis_labels: (1..=5).map(|index| format!("영역 {index}")).collect(),
            series: vec![series.clone(), series.clone(), series.clone(), series],
            size_mm: 80.0,
        };
        assert!(matches!(
            document.radar_chart(&chart),
            Err(PdfError::TooManyRadarSeries { count: 4 })
        ));
        let two_axes = RadarChart {
            axis_labels: vec!["가".to_owned(), "나".to_owned()],
            series: Vec::new(),
            size_mm: 80.0,
        };
        assert!(matches!(
            document.radar_chart(&two_axes),
            Err(PdfError::Chart(ChartError::AxisCountOutOfRange {
                n_axes: 2
            }))
        ));
        assert_eq!(op_count(&document), 0);
    }

    #[test]
    fn radar_charts_of_three_to_twelve_axes_draw() {
        let mut document = empty_document();
        for n_axes in 3..=12 {
            let chart = RadarChart {
                axis_labels: (1..=n_axes)
                    .map(|index| format!("영역 {index} 데이터 활용 수준"))
                    .collect(),
                series: vec![RadarSeries {
                    name: "현재".to_owned(),
                    role: RadarSeriesRole::Current,
                    values: (0..n_axes).map(|index| (index % 6) as f64).collect(),
                }],
                size_mm: 70.0,
            };
            document.radar_chart(&chart).unwrap();
        }
        assert!(document.to_bytes().unwrap().starts_with(b"%PDF"));
    }

    #[test]
    fn timeline_items_outside_the_phases_are_refused() {
        let mut document = empty_document();
        let timeline = PhaseTimeline {
            phase_labels: vec!["0–3개월".to_owned(), "3–12개월".to_owned()],
            items: vec![TimelineItem {
                label: "MES 도입".to_owned(),
                first_phase: 1,
                last_phase: 2,
            }],
        };
        let error = document.phase_timeline(&timeline).unwrap_err();
        assert!(matches!(
            error,
            PdfError::TimelineItemOutOfRange { phase_count: 2, .. }
        ));
        assert!(error.to_string().contains("MES 도입"), "{error}");
        let reversed = PhaseTimeline {
            phase_labels: vec!["0–3개월".to_owned(), "3–12개월".to_owned()],
            items: vec![TimelineItem {
                label: "역순".to_owned(),
                first_phase: 1,
                last_phase: 0,
            }],
        };
        assert!(document.phase_timeline(&reversed).is_err());
        let no_phases = PhaseTimeline {
            phase_labels: Vec::new(),
            items: Vec::new(),
        };
        assert!(matches!(
            document.phase_timeline(&no_phases),
            Err(PdfError::TimelineWithoutPhases)
        ));
        assert_eq!(op_count(&document), 0);
    }

    #[test]
    fn a_footer_with_a_missing_glyph_is_refused_at_the_start() {
        let result = ReportDocument::new(
            PageSetup::a4_portrait(),
            sample_metadata(),
            ReportFooter {
                left_text: "\u{1F4C8}".to_owned(),
                page_number_format: "{page}".to_owned(),
            },
        );
        assert!(matches!(
            result,
            Err(PdfError::MissingGlyph {
                ch: '\u{1F4C8}',
                ..
            })
        ));
    }

    #[test]
    fn long_footer_text_is_cut_with_an_ellipsis() {
        let font = report_font(FontWeight::Regular).unwrap();
        let cut = truncate_to_width(&"데이터 지문 ".repeat(40), font, 8.0, 100.0);
        assert!(cut.ends_with('\u{2026}'));
        assert!(font.text_width_pt(&cut, 8.0) <= 100.0);
        assert_eq!(truncate_to_width("짧은 글", font, 8.0, 100.0), "짧은 글");
    }

    #[test]
    fn phases_spread_over_three_shades() {
        assert_eq!(phase_index_in_three(0, 1), 0);
        assert_eq!(
            (0..3)
                .map(|phase| phase_index_in_three(phase, 3))
                .collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        assert_eq!(
            (0..2)
                .map(|phase| phase_index_in_three(phase, 2))
                .collect::<Vec<_>>(),
            vec![0, 2]
        );
        assert!((0..7).all(|phase| phase_index_in_three(phase, 7) <= 2));
    }

    #[test]
    fn the_creation_date_is_written_in_utc() {
        let date = pdf_date_time(&sample_metadata().creation_date);
        assert_eq!(
            (date.date.year, date.date.month, date.date.day),
            (2026, 1, 2)
        );
        assert_eq!(
            (date.time.hour, date.time.minute, date.time.second),
            (0, 8, 7)
        );
    }

    #[test]
    fn table_columns_share_the_width_by_weight() {
        let column = |width_weight| TableColumn {
            header: String::new(),
            width_weight,
            alignment: TextAlignment::Left,
        };
        let widths = column_widths_pt(&[column(1.0), column(3.0), column(f32::NAN)], 500.0);
        assert_eq!(widths, vec![100.0, 300.0, 100.0]);
    }
}
