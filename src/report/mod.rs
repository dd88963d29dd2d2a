//! The printed report: PDF drawing on top of printpdf, text layout with the embedded Korean
//! fonts, and chart geometry shared with the desktop UI.
//!
//! - `pdf`: [`pdf::ReportDocument`], an A4 document that content flows into, and its footers.
//! - `chart`: [`chart::radar_geometry`], the radar chart as plain numbers (no drawing, no IO).
//! - `layout`: [`layout::wrap_text`], line breaking that keeps Korean words whole.
//! - `fonts`: the embedded NanumGothic faces, glyph widths and glyph coverage checks.
//! - `assessment_report`: the assessment report itself: [`ReportInput`] gathered from the store,
//!   [`render_report`] and [`build_report_for_assessment`]; its texts in `texts` and `narrative`.
//! - `fingerprint` and `verify`: the data fingerprint a report carries and `verify_report`.

pub mod assessment_report;
pub mod chart;
pub mod fingerprint;
pub mod fonts;
pub mod layout;
pub mod narrative;
pub mod pdf;
pub mod texts;
pub mod verify;

pub use assessment_report::{
    PreviousResult, ReportError, ReportInput, ReportOptions, build_report_for_assessment,
    gather_report_input, render_report, report_stamp,
};
pub use fingerprint::{ReportStamp, ResultFingerprint, read_report_stamp, result_fingerprint};
pub use verify::{ReportVerification, verify_report};

pub use chart::{ChartError, RadarGeometry, radar_geometry};
pub use fonts::{
    FontWeight, ReportFont, load_report_fonts, report_font, substitute_missing_glyphs,
};
pub use layout::wrap_text;
pub use pdf::{
    HeadingLevel, PageSetup, PdfError, PhaseTimeline, RadarChart, RadarSeries, RadarSeriesRole,
    ReportColor, ReportDocument, ReportFooter, ReportMetadata, ReportTable, TableColumn,
    TextAlignment, TextStyle, TimelineItem,
};
