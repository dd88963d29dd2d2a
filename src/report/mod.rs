//! The printed report: PDF drawing on top of printpdf, text layout with the embedded Korean
//! fonts, and chart geometry shared with the desktop UI.
//!
//! - `pdf`: [`pdf::ReportDocument`], an A4 document that content flows into, and its footers.
//! - `chart`: [`chart::radar_geometry`], the radar chart as plain numbers (no drawing, no IO).
//! - `layout`: [`layout::wrap_text`], line breaking that keeps Korean words whole.
//! - `fonts`: the embedded NanumGothic faces, glyph widths and glyph coverage checks.

pub mod chart;
pub mod fonts;
pub mod layout;
pub mod pdf;

pub use chart::{ChartError, RadarGeometry, radar_geometry};
pub use fonts::{FontWeight, ReportFont, report_font, substitute_missing_glyphs};
pub use layout::wrap_text;
pub use pdf::{
    HeadingLevel, PageSetup, PdfError, PhaseTimeline, RadarChart, RadarSeries, RadarSeriesRole,
    ReportColor, ReportDocument, ReportFooter, ReportMetadata, ReportTable, TableColumn,
    TextAlignment, TextStyle, TimelineItem,
};
