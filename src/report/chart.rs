//! Geometry of the radar (spider) chart, shared by the PDF report and the desktop UI.
//!
//! [`radar_geometry`] does no drawing and no IO: it turns the number of axes and the series
//! values into points. The PDF layer draws those points with printpdf polygons and the UI draws
//! the same points as SVG, so both show the same chart from the same numbers.
//!
//! Coordinates are in the caller's unit inside a `size` × `size` square whose origin is the top
//! left corner and whose y axis points down, as in SVG. The first axis points straight up and
//! the others follow clockwise.

use serde::Serialize;

/// The highest level on the scale; the outermost ring is drawn at this level.
pub const RADAR_MAX_LEVEL: u8 = 5;
/// The fewest axes a radar chart can have and still enclose an area.
pub const RADAR_MIN_AXES: usize = 3;
/// The most axes whose labels still fit around the chart.
pub const RADAR_MAX_AXES: usize = 12;

/// Radius of the outermost ring as a fraction of `size`. The rest of the square is left for the
/// axis labels above and below the chart.
const RING_RADIUS_FRACTION: f64 = 0.36;
/// Gap between the outermost ring and the axis labels as a fraction of `size`.
const LABEL_GAP_FRACTION: f64 = 0.035;
/// Widest an axis label should be set, as a fraction of `size`; longer labels are wrapped.
const LABEL_MAX_WIDTH_FRACTION: f64 = 0.30;
/// Axes whose direction is this close to vertical get centred labels.
const LABEL_CENTRING_THRESHOLD: f64 = 0.25;

/// Why a radar chart's geometry cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    /// The chart would have fewer than 3 or more than 12 axes.
    #[error("a radar chart needs {RADAR_MIN_AXES} to {RADAR_MAX_AXES} axes, not {n_axes}")]
    AxisCountOutOfRange {
        /// The number of axes asked for.
        n_axes: usize,
    },
    /// A series does not have one value per axis.
    #[error("radar series {series_index} has {found} values but the chart has {expected} axes")]
    SeriesLengthMismatch {
        /// Position of the series in the input, from 0.
        series_index: usize,
        /// The number of axes.
        expected: usize,
        /// The number of values the series has.
        found: usize,
    },
    /// The size is zero, negative or not a number.
    #[error("a radar chart's size must be a positive number, not {size}")]
    InvalidSize {
        /// The size asked for.
        size: f64,
    },
}

/// A point in chart coordinates (y down).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RadarPoint {
    /// Distance from the left edge of the square.
    pub x: f64,
    /// Distance from the top edge of the square.
    pub y: f64,
}

/// Which horizontal part of an axis label sits on its anchor point, named as SVG's
/// `text-anchor` values so the UI can use them directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelHorizontalAlignment {
    /// The label starts at the anchor and runs to the right.
    Start,
    /// The label is centred on the anchor.
    Middle,
    /// The label ends at the anchor.
    End,
}

/// Which vertical part of an axis label's block of lines sits on its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelVerticalAlignment {
    /// The top of the first line is at the anchor; the label hangs below it.
    Top,
    /// The block of lines is centred on the anchor.
    Middle,
    /// The bottom of the last line is at the anchor; the label stands above it.
    Bottom,
}

/// One grid ring: the polygon through every axis at one level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RadarRing {
    /// The level this ring marks, 1 to 5.
    pub level: u8,
    /// One point per axis, in axis order; the polygon is closed.
    pub points: Vec<RadarPoint>,
}

/// One axis: a spoke from the centre to the outermost ring, and where its label goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RadarAxis {
    /// Position of the axis, from 0 at the top, clockwise.
    pub index: usize,
    /// Direction of the spoke in degrees, 0 pointing up, growing clockwise.
    pub angle_degrees: f64,
    /// Where the spoke meets the outermost ring.
    pub end: RadarPoint,
    /// Where the label is placed, just outside the outermost ring.
    pub label_anchor: RadarPoint,
    /// Which horizontal part of the label sits on the anchor.
    pub label_horizontal_alignment: LabelHorizontalAlignment,
    /// Which vertical part of the label sits on the anchor.
    pub label_vertical_alignment: LabelVerticalAlignment,
}

/// One series of values as a polygon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RadarSeriesGeometry {
    /// The values as drawn: clamped to 0..=5, with anything not a number drawn as 0.
    pub values: Vec<f64>,
    /// One point per axis, in axis order; the polygon is closed.
    pub points: Vec<RadarPoint>,
}

/// Where the number of a grid ring is written, beside the first (upward) axis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RadarLevelLabel {
    /// The ring's level, 1 to 5.
    pub level: u8,
    /// The left end of the number's baseline-centre line: the number starts here, vertically
    /// centred on it.
    pub anchor: RadarPoint,
}

/// The rectangle a drawing must show so that the side labels are not cut off. Labels on the left
/// and right run past the square by up to `label_max_width`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RadarViewBox {
    /// Left edge (may be negative).
    pub min_x: f64,
    /// Top edge.
    pub min_y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// Everything needed to draw a radar chart, in the coordinates described in the module docs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RadarGeometry {
    /// Side of the square the chart is laid out in.
    pub size: f64,
    /// Centre of the rings.
    pub center: RadarPoint,
    /// Radius of the outermost ring (level 5).
    pub radius: f64,
    /// The widest an axis label should be set; longer labels are wrapped onto more lines.
    pub label_max_width: f64,
    /// The area a drawing must show, labels included.
    pub view_box: RadarViewBox,
    /// Grid rings for levels 1 to 5, innermost first.
    pub rings: Vec<RadarRing>,
    /// The spokes, in order.
    pub axes: Vec<RadarAxis>,
    /// Where to write the ring numbers 1 to 5.
    pub level_labels: Vec<RadarLevelLabel>,
    /// The series polygons, in the order given.
    pub series: Vec<RadarSeriesGeometry>,
}

/// Computes the geometry of a radar chart with `n_axes` axes (3 to 12) and one polygon per
/// series in `values_per_series`, each holding one level (0 to 5) per axis, laid out in a
/// `size` × `size` square.
pub fn radar_geometry<Values: AsRef<[f64]>>(
    n_axes: usize,
    values_per_series: &[Values],
    size: f64,
) -> Result<RadarGeometry, ChartError> {
    if !(RADAR_MIN_AXES..=RADAR_MAX_AXES).contains(&n_axes) {
        return Err(ChartError::AxisCountOutOfRange { n_axes });
    }
    if !size.is_finite() || size <= 0.0 {
        return Err(ChartError::InvalidSize { size });
    }
    for (series_index, values) in values_per_series.iter().enumerate() {
        let found = values.as_ref().len();
        if found != n_axes {
            return Err(ChartError::SeriesLengthMismatch {
                series_index,
                expected: n_axes,
                found,
            });
        }
    }

    let center = RadarPoint {
        x: size / 2.0,
        y: size / 2.0,
    };
    let radius = size * RING_RADIUS_FRACTION;
    let label_radius = radius + size * LABEL_GAP_FRACTION;
    let label_max_width = size * LABEL_MAX_WIDTH_FRACTION;
    let max_level = f64::from(RADAR_MAX_LEVEL);

    // Unit direction of each spoke in y-down coordinates: angle 0 points up (negative y).
    let directions: Vec<(f64, f64)> = (0..n_axes)
        .map(|index| {
            let angle = std::f64::consts::TAU * index as f64 / n_axes as f64;
            (angle.sin(), -angle.cos())
        })
        .collect();
    let point_at = |direction: (f64, f64), distance: f64| RadarPoint {
        x: center.x + direction.0 * distance,
        y: center.y + direction.1 * distance,
    };

    let rings = (1..=RADAR_MAX_LEVEL)
        .map(|level| RadarRing {
            level,
            points: directions
                .iter()
                .map(|&direction| point_at(direction, radius * f64::from(level) / max_level))
                .collect(),
        })
        .collect();

    let axes: Vec<RadarAxis> = directions
        .iter()
        .enumerate()
        .map(|(index, &direction)| {
            let (dx, dy) = direction;
            let label_horizontal_alignment = if dx > LABEL_CENTRING_THRESHOLD {
                LabelHorizontalAlignment::Start
            } else if dx < -LABEL_CENTRING_THRESHOLD {
                LabelHorizontalAlignment::End
            } else {
                LabelHorizontalAlignment::Middle
            };
            let label_vertical_alignment = if dy < -LABEL_CENTRING_THRESHOLD {
                LabelVerticalAlignment::Bottom
            } else if dy > LABEL_CENTRING_THRESHOLD {
                LabelVerticalAlignment::Top
            } else {
                LabelVerticalAlignment::Middle
            };
            RadarAxis {
                index,
                angle_degrees: 360.0 * index as f64 / n_axes as f64,
                end: point_at(direction, radius),
                label_anchor: point_at(direction, label_radius),
                label_horizontal_alignment,
                label_vertical_alignment,
            }
        })
        .collect();

    // The ring numbers sit just right of the upward spoke, a little above each ring.
    let level_labels = (1..=RADAR_MAX_LEVEL)
        .map(|level| RadarLevelLabel {
            level,
            anchor: RadarPoint {
                x: center.x + size * 0.008,
                y: center.y - radius * f64::from(level) / max_level + size * 0.012,
            },
        })
        .collect();

    let series = values_per_series
        .iter()
        .map(|values| {
            let clamped: Vec<f64> = values
                .as_ref()
                .iter()
                .map(|&value| {
                    if value.is_finite() {
                        value.clamp(0.0, max_level)
                    } else {
                        0.0
                    }
                })
                .collect();
            let points = directions
                .iter()
                .zip(&clamped)
                .map(|(&direction, &value)| point_at(direction, radius * value / max_level))
                .collect();
            RadarSeriesGeometry {
                values: clamped,
                points,
            }
        })
        .collect();

    let mut min_x = 0.0_f64;
    let mut max_x = size;
    for axis in &axes {
        let (left, right) = match axis.label_horizontal_alignment {
            LabelHorizontalAlignment::Start => {
                (axis.label_anchor.x, axis.label_anchor.x + label_max_width)
            }
            LabelHorizontalAlignment::Middle => (
                axis.label_anchor.x - label_max_width / 2.0,
                axis.label_anchor.x + label_max_width / 2.0,
            ),
            LabelHorizontalAlignment::End => {
                (axis.label_anchor.x - label_max_width, axis.label_anchor.x)
            }
        };
        min_x = min_x.min(left);
        max_x = max_x.max(right);
    }
    let view_box = RadarViewBox {
        min_x,
        min_y: 0.0,
        width: max_x - min_x,
        height: size,
    };

    Ok(RadarGeometry {
        size,
        center,
        radius,
        label_max_width,
        view_box,
        rings,
        axes,
        level_labels,
        series,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: RadarPoint, b: RadarPoint) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    #[test]
    fn axis_counts_outside_three_to_twelve_are_refused() {
        let no_series: [Vec<f64>; 0] = [];
        for n_axes in [0, 1, 2, 13] {
            assert_eq!(
                radar_geometry(n_axes, &no_series, 100.0),
                Err(ChartError::AxisCountOutOfRange { n_axes })
            );
        }
        for n_axes in RADAR_MIN_AXES..=RADAR_MAX_AXES {
            assert!(radar_geometry(n_axes, &no_series, 100.0).is_ok());
        }
    }

    #[test]
    fn a_series_of_the_wrong_length_is_refused() {
        let series = [vec![1.0, 2.0, 3.0, 4.0], vec![1.0, 2.0, 3.0]];
        assert_eq!(
            radar_geometry(4, &series, 100.0),
            Err(ChartError::SeriesLengthMismatch {
                series_index: 1,
                expected: 4,
                found: 3
            })
        );
    }

    #[test]
    fn invalid_sizes_are_refused() {
        let no_series: [Vec<f64>; 0] = [];
        assert!(matches!(
            radar_geometry(5, &no_series, 0.0),
            Err(ChartError::InvalidSize { .. })
        ));
        assert!(matches!(
            radar_geometry(5, &no_series, f64::NAN),
            Err(ChartError::InvalidSize { .. })
        ));
    }

    #[test]
    fn rings_are_evenly_spaced_and_the_first_axis_points_up() {
        let geometry = radar_geometry(6, &[[5.0, 0.0, 2.5, 5.0, 1.0, 3.0]], 200.0).unwrap();
        assert_eq!(geometry.center, RadarPoint { x: 100.0, y: 100.0 });
        assert_eq!(geometry.rings.len(), 5);
        for ring in &geometry.rings {
            assert_eq!(ring.points.len(), 6);
            for &point in &ring.points {
                let expected = geometry.radius * f64::from(ring.level) / 5.0;
                assert!((distance(point, geometry.center) - expected).abs() < 1e-9);
            }
        }
        let top = geometry.axes[0].end;
        assert!((top.x - 100.0).abs() < 1e-9 && top.y < 100.0);
        // The second of six axes is 60 degrees clockwise: up and to the right.
        assert!(geometry.axes[1].end.x > 100.0 && geometry.axes[1].end.y < 100.0);
        assert!((geometry.axes[1].angle_degrees - 60.0).abs() < 1e-9);
    }

    #[test]
    fn series_points_lie_at_their_level_on_their_axis() {
        let geometry = radar_geometry(4, &[[5.0, 0.0, 2.5, 1.0]], 100.0).unwrap();
        let points = &geometry.series[0].points;
        assert_eq!(points[0], geometry.axes[0].end);
        assert_eq!(points[1], geometry.center);
        assert!((distance(points[2], geometry.center) - geometry.radius / 2.0).abs() < 1e-9);
        assert!((distance(points[3], geometry.center) - geometry.radius / 5.0).abs() < 1e-9);
    }

    #[test]
    fn values_outside_the_scale_are_clamped() {
        let geometry = radar_geometry(3, &[[7.0, -1.0, f64::NAN]], 100.0).unwrap();
        assert_eq!(geometry.series[0].values, vec![5.0, 0.0, 0.0]);
        assert_eq!(geometry.series[0].points[0], geometry.axes[0].end);
    }

    #[test]
    fn labels_sit_outside_the_outer_ring_and_face_away_from_the_centre() {
        let geometry = radar_geometry(8, &[] as &[Vec<f64>], 100.0).unwrap();
        for axis in &geometry.axes {
            assert!(distance(axis.label_anchor, geometry.center) > geometry.radius);
        }
        use LabelHorizontalAlignment as H;
        use LabelVerticalAlignment as V;
        assert_eq!(geometry.axes[0].label_horizontal_alignment, H::Middle);
        assert_eq!(geometry.axes[0].label_vertical_alignment, V::Bottom);
        assert_eq!(geometry.axes[2].label_horizontal_alignment, H::Start);
        assert_eq!(geometry.axes[2].label_vertical_alignment, V::Middle);
        assert_eq!(geometry.axes[4].label_vertical_alignment, V::Top);
        assert_eq!(geometry.axes[6].label_horizontal_alignment, H::End);
        assert!(geometry.view_box.min_x < 0.0 && geometry.view_box.width > 100.0);
    }

    #[test]
    fn geometry_serialises_for_the_user_interface() {
        let geometry = radar_geometry(3, &[[1.0, 2.0, 3.0]], 90.0).unwrap();
        let json = serde_json::to_value(&geometry).unwrap();
        assert_eq!(json["axes"][0]["label_horizontal_alignment"], "middle");
        assert_eq!(json["rings"].as_array().unwrap().len(), 5);
        assert_eq!(json["series"][0]["points"].as_array().unwrap().len(), 3);
        assert!(json["view_box"]["width"].as_f64().unwrap() >= 90.0);
    }
}
